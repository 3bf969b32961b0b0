package dev.portico.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The short form of the fault tests (the fuller one is {@code bin/portico bench faults}): a bulk invite of 200
 * records during which the Kafka broker is restarted, then invitation-service and then portal-user-service are
 * killed with SIGKILL (kill -9: no shutdown, whatever they had in flight lost) and started again on the same port.
 * The job still completes with exact counts and every invited address holds exactly one mail in the SMTP server.
 */
class FaultToleranceTest {

    private static final int RECORDS = 200;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

    @Test
    void aBulkInviteSurvivesAKafkaRestartAndKillNineOfInvitationServiceAndThenPortalUserService() {
        BulkInvite invite = BulkInvite.of200();
        Map<String, Object> atFault = new LinkedHashMap<>();
        // (a) the broker restarts while portal-user-service's outbox publishes this job's dispatches
        atFault.put("kafka", invite.progress());
        Stack.restartKafka();
        // (b) invitation-service dies while the dispatches reach it and its mails go out
        atFault.put("invitation-service", invite.progress());
        Stack.kill("invitation-service");
        assertThat(invite.progress()).as("the job is still under way when invitation-service dies")
                .isLessThan(RECORDS);
        Stack.start("invitation-service");
        // (c) portal-user-service dies while the outcomes of the restarted invitation-service flow back to it
        atFault.put("portal-user-service", invite.progress());
        Stack.restart("portal-user-service");
        invite.assertCompletedWithOneMailEach(atFault);
    }

    /** A bulk invite of {@link #RECORDS} contacts, requested (the records known first). */
    private static final class BulkInvite {
        final Gateway admin = Gateway.newOrg();
        final String tag = admin.org.substring(4, 12);
        final Instant start;
        final String job;

        private BulkInvite() {
            admin.api().body(Map.of("name", "Faults " + tag, "edition", "ENTERPRISE", "defaultLanguage", "en"))
                    .put("/org").then().statusCode(200);
            String portal = admin.api().body(Map.of("name", "Faults", "module", "Contacts", "slug", "faults-" + tag))
                    .post("/portals").then().statusCode(201).extract().path("id");
            String userType = admin.api().get("/portals/{p}/user-types", portal).then().statusCode(200)
                    .extract().path("items[0].id");
            List<String> ids = new ArrayList<>();
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                String id = "f-" + tag + "-" + i;
                ids.add(id);
                events.add(Map.of("eventId", UUID.randomUUID().toString(), "orgId", admin.org, "module", "Contacts",
                        "recordId", id, "operation", "CREATED", "version", 1,
                        "record", Map.of("Full_Name", "Fault Person " + i, "Email", email(i))));
            }
            admin.api().body(Map.of("events", events)).post("/crm/events").then().statusCode(202);
            awaitRecords(ids);
            start = Instant.now();
            job = admin.api().body(Map.of("userTypeId", userType, "recordIds", ids))
                    .post("/portals/{p}/invitations", portal).then().statusCode(202).extract().path("id");
        }

        /** Gateway.awaitRecords, eight at a time (one by one, 200 records take tens of seconds on a busy machine). */
        private void awaitRecords(List<String> ids) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> waits = new ArrayList<>();
                for (int from = 0; from < ids.size(); from += 25) {
                    List<String> slice = ids.subList(from, Math.min(ids.size(), from + 25));
                    waits.add(pool.submit(() -> admin.awaitRecords("Contacts", slice)));
                }
                for (Future<?> wait : waits) {
                    wait.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new AssertionError("records not known in time", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }

        static BulkInvite of200() {
            return new BulkInvite();
        }

        String email(int i) {
            return "fault-" + tag + "-" + i + "@customer.example";
        }

        int progress() {
            JsonPath json = admin.api().get("/jobs/{j}", job).then().statusCode(200).extract().jsonPath();
            return json.getInt("succeeded") + json.getInt("failed");
        }

        void assertCompletedWithOneMailEach(Map<String, Object> atFault) {
            JsonPath done = admin.completed(job, Duration.ofSeconds(90));
            long completedMs = Duration.between(start, Instant.now()).toMillis();
            assertThat(done.getInt("succeeded")).as("succeeded").isEqualTo(RECORDS);
            assertThat(done.getInt("failed")).as("failed").isZero();

            // the job completes once every outcome is recorded, i.e. once the SMTP server accepted every mail
            Map<String, List<String>> duplicates = new LinkedHashMap<>();
            Map<Integer, Integer> mailsPerRecipient = new HashMap<>();
            for (int i = 0; i < RECORDS; i++) {
                String address = email(i);
                List<Map<String, Object>> inbox = await().atMost(Duration.ofSeconds(20))
                        .until(() -> Gateway.inbox(address), mails -> !mails.isEmpty());
                mailsPerRecipient.merge(inbox.size(), 1, Integer::sum);
                if (inbox.size() > 1) {
                    List<String> messageIds = new ArrayList<>();
                    for (Map<String, Object> mail : inbox) {
                        Matcher m = MESSAGE_ID.matcher(String.valueOf(mail.get("mimeMessage")));
                        messageIds.add(m.find() ? m.group(1) : "?");
                    }
                    duplicates.put(address, messageIds);
                }
            }
            System.out.printf("FaultToleranceTest: %d records, job progress (succeeded + failed) at each fault: %s; "
                            + "COMPLETED %d ms after the request; recipients by number of mails: %s; duplicates: %s%n",
                    RECORDS, atFault, completedMs, mailsPerRecipient, duplicates);
            assertThat(duplicates).as("recipients with more than one mail (Message-IDs)").isEmpty();
            assertThat(mailsPerRecipient).containsExactly(Map.entry(1, RECORDS));
        }
    }
}
