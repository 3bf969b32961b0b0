create table probe_note (id uuid primary key, text text not null);
