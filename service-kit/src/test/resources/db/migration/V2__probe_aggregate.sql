-- an aggregate two writers update under its row lock (OutboxCommitOrderTest)
create table probe_aggregate (id text primary key, version bigint not null);
