package dev.portico.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The users list: filters, search, sort, paging, counts, and query plans that use the indexes. */
@QuarkusTest
class UserListTest {

    @Inject
    World world;

    @Inject
    Seeds seeds;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Test
    void filtersSearchesSortsAndCounts() {
        World.Org org = world.org(null);
        seeds.many(org, 30, "Zed");
        seeds.user(org, org.userTypeId, "ann", "Ann Archer", "ann@archer.example", true, true);
        seeds.user(org, org.userTypeId, "bob", "Bob Brown", "BOB@brown.example", true, false);
        // counts: of 30 seeded, 3 deactivated (every 10th); of the 27 active, those with g % 3 <> 0 confirmed
        org.admin().get("/api/v1/portals/{p}/users/counts", org.portalId).then().statusCode(200)
                .body("all", equalTo(32)).body("deactivated", equalTo(3)).body("active", equalTo(29))
                .body("confirmed", equalTo(19)).body("unconfirmed", equalTo(10));
        org.admin().get("/api/v1/portals/{p}/users?q=ann", org.portalId).then()
                .body("total", equalTo(1)).body("items[0].name", equalTo("Ann Archer"));
        org.admin().get("/api/v1/portals/{p}/users?q=bob@BR", org.portalId).then()
                .body("total", equalTo(1)).body("items[0].status", equalTo("UNCONFIRMED"));
        org.admin().get("/api/v1/portals/{p}/users?q=50%25", org.portalId).then().body("total", equalTo(0));
        org.admin().get("/api/v1/portals/{p}/users?filter=deactivated", org.portalId).then()
                .body("total", equalTo(3)).body("items.status", everyItem(equalTo("DEACTIVATED")));
        org.admin().get("/api/v1/portals/{p}/users?filter=unconfirmed&q=zed&size=5&page=1", org.portalId).then()
                .body("total", equalTo(9)).body("items.size()", equalTo(4)).body("page", equalTo(1))
                .body("items.name", everyItem(startsWith("Zed")));
        List<String> names = org.admin().get("/api/v1/portals/{p}/users?sort=-name&size=3", org.portalId).then()
                .statusCode(200).extract().path("items.name");
        assertThat(names).isSortedAccordingTo(java.util.Comparator.<String>reverseOrder());
        org.admin().get("/api/v1/portals/{p}/users?userTypeId={t}", org.portalId, UUID.randomUUID()).then()
                .body("total", equalTo(0));
        org.admin().get("/api/v1/portals/{p}/users?userTypeId=nope", org.portalId).then().statusCode(400)
                .body("code", equalTo("INVALID_VALUE")).body("errors[0].field", equalTo("userTypeId"));
        org.admin().get("/api/v1/portals/{p}/users?filter=everyone", org.portalId).then().statusCode(400)
                .body("errors[0].field", equalTo("filter"));
        org.admin().get("/api/v1/portals/{p}/users?sort=salary", org.portalId).then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        org.admin().get("/api/v1/portals/{p}/users", UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("PORTAL_NOT_FOUND"));
    }

    @Test
    void filteredAndSearchedPagesUseTheIndexes() {
        World.Org org = world.org(null);
        seeds.many(org, 20_000, "Plan");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("analyze portal_user").executeUpdate());
        String search = plan("select id from (select * from portal_user where org_id = '" + org.id + "' and portal_id = '"
                + org.portalId + "' and removed_at is null and (invited_at is not null or confirmed) "
                + "and (lower(name) like 'plan 1234%' or email_normalized like 'plan 1234%') offset 0) matches "
                + "order by lower(name), id limit 50");
        assertThat(search).contains("portal_user_name_prefix_idx").contains("portal_user_email_prefix_idx")
                .doesNotContain("Seq Scan");
        // a page's ids come from the sort's index alone (index-only, the table is read for the page's rows only),
        // forwards or backwards as the sort says: no sort of the whole portal, however deep the page
        vacuum(); // the visibility map an index-only scan needs, which autovacuum keeps on a live table
        String listed = "portal_id = '" + org.portalId + "' and removed_at is null and (invited_at is not null or confirmed)";
        String deep = plan("select u.id from (select id, lower(name) as sort_key from portal_user where " + listed
                + " and active and not confirmed order by lower(name), id limit 50 offset 1000) page "
                + "join portal_user u on u.id = page.id where u.org_id = '" + org.id + "' order by page.sort_key, page.id");
        assertThat(deep).contains("Index Only Scan using portal_user_list_idx").doesNotContain("Seq Scan");
        String newest = plan("select id, invited_at as sort_key from portal_user where " + listed + " and user_type_id = '"
                + org.userTypeId + "' and active order by invited_at desc, id desc limit 50 offset 100");
        assertThat(newest).contains("Index Only Scan Backward using portal_user_listed_invited_idx")
                .doesNotContain("Sort");

        // without a search the total is exact, from the kept counts; a search past the count's cap says so
        // instead of counting every match
        org.admin().get("/api/v1/portals/{p}/users?sort=-invitedAt&size=5", org.portalId).then().statusCode(200)
                .body("total", equalTo(20_000)).body("totalCapped", equalTo(false)).body("items.size()", equalTo(5));
        org.admin().get("/api/v1/portals/{p}/users?filter=deactivated&size=5", org.portalId).then().statusCode(200)
                .body("total", equalTo(2_000)).body("totalCapped", equalTo(false));
        org.admin().get("/api/v1/portals/{p}/users?q=plan&size=5", org.portalId).then().statusCode(200)
                .body("total", equalTo(10_000)).body("totalCapped", equalTo(true)).body("items.size()", equalTo(5));
        org.admin().get("/api/v1/portals/{p}/users?q=plan 1234&size=5", org.portalId).then().statusCode(200)
                .body("total", equalTo(11)).body("totalCapped", equalTo(false));
    }

    private void vacuum() {
        try (Connection c = dataSource.getConnection(); Statement vacuum = c.createStatement()) {
            c.setAutoCommit(true);
            vacuum.execute("vacuum analyze portal_user");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private String plan(String query) {
        return QuarkusTransaction.requiringNew().call(() -> String.join("\n",
                (List<String>) em.createNativeQuery("explain " + query).getResultList()));
    }
}
