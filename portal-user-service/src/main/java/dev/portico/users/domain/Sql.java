package dev.portico.users.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.Session;

/**
 * Plain JDBC on the transaction's connection, for the set-based statements (arrays, batches) that bulk work
 * needs: 10,000 records are a handful of statements, not 10,000 round trips.
 */
@ApplicationScoped
public class Sql {

    @Inject
    EntityManager em;

    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public <T> T run(Work<T> work) {
        Session session = em.unwrap(Session.class);
        session.flush();
        return session.doReturningWork(work::run);
    }
}
