package dev.portico.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.portico.client.ApiClient;
import dev.portico.client.ApiException;
import dev.portico.client.api.CrmEventsApi;
import dev.portico.client.model.CrmEvent;
import dev.portico.client.model.CrmEventBatch;
import dev.portico.client.model.CrmOperation;
import dev.portico.client.model.JobItemResponse;
import dev.portico.client.model.PageJobItemResponse;
import dev.portico.client.api.CrmRecordsApi;
import dev.portico.client.api.InvitationAcceptanceApi;
import dev.portico.client.api.InvitationsApi;
import dev.portico.client.api.JobsApi;
import dev.portico.client.api.OrgApi;
import dev.portico.client.api.PortalUsersApi;
import dev.portico.client.api.PortalsApi;
import dev.portico.client.api.UserTypesApi;
import dev.portico.client.model.AcceptRequest;
import dev.portico.client.model.AcceptResponse;
import dev.portico.client.model.Edition;
import dev.portico.client.model.InviteRequest;
import dev.portico.client.model.JobResponse;
import dev.portico.client.model.OrgRequest;
import dev.portico.client.model.OrgResponse;
import dev.portico.client.model.PortalRequest;
import dev.portico.client.model.PortalResponse;
import dev.portico.client.model.UserCountsResponse;
import dev.portico.devstack.TokenCli;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The invite path driven through the Java client the build generates from {@code docs/openapi.json}
 * (openapi-generator, {@code native} library): if the document lies about a path, a body or a response shape,
 * this fails to compile or to read the answers.
 */
class OpenApiClientTest {

    @Test
    void bulkInviteAndAcceptThroughTheGeneratedClient() throws Exception {
        String org = "e2e-" + UUID.randomUUID();
        String tag = org.substring(4, 12);
        ApiClient client = client(org);

        OrgResponse saved = new OrgApi(client).putOrg(new OrgRequest().name("Client " + tag).edition(Edition.ENTERPRISE)
                .defaultLanguage("en").companyDomains(List.of("client-" + tag + ".example")), null);
        assertThat(saved.getCompanyDomains()).containsExactly("client-" + tag + ".example");
        // status and invitationExpiryDays left out: the server defaults them
        PortalResponse portal = new PortalsApi(client).createPortal(
                new PortalRequest().name("Customers").module("Contacts").slug("client-" + tag));
        assertThat(portal.getInvitationExpiryDays()).isEqualTo(7);
        assertThat(new PortalsApi(client).listPortal(0, 50).getItems()).extracting(PortalResponse::getId)
                .contains(portal.getId());
        UUID userType = new UserTypesApi(client).listUserType(portal.getId(), 0, 50).getItems().get(0).getId();

        String ann = "ann-" + tag, carl = "carl-" + tag;
        String annMail = "ann-" + tag + "@client.example";
        new CrmEventsApi(client).publishCrmEvents(new CrmEventBatch().events(List.of(
                record(org, ann, "Ann Client", annMail),
                record(org, carl, "Carl Colleague", "carl@client-" + tag + ".example"))));
        CrmRecordsApi records = new CrmRecordsApi(client);
        for (String id : List.of(ann, carl)) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(ApiException.class)
                    .until(() -> records.getCrmRecord("Contacts", id).getRecordId(), id::equals);
        }
        assertThat(records.getCrmRecord("Contacts", ann).getEmail()).isEqualTo(annMail);

        UUID jobId = new InvitationsApi(client).inviteRecords(portal.getId(),
                new InviteRequest().userTypeId(userType).recordIds(List.of(ann, carl)), null).getId();
        JobsApi jobs = new JobsApi(client);
        JobResponse job = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> jobs.getJob(jobId), j -> "COMPLETED".equals(j.getStatus().getValue()));
        assertThat(job.getSucceeded()).isEqualTo(1);
        assertThat(job.getFailed()).isEqualTo(1);
        // the "N sent, M failed, see why" dialog, through the client: the colleague on the org's own domain
        PageJobItemResponse failed = jobs.listJobItems(jobId, "FAILED", 0, 50);
        assertThat(failed.getItems()).extracting(JobItemResponse::getRecordId).containsExactly(carl);
        assertThat(failed.getItems().get(0).getReason()).isEqualTo("COMPANY_DOMAIN");

        List<Map<String, Object>> inbox = await().atMost(Duration.ofSeconds(20))
                .until(() -> Gateway.inbox(annMail), mails -> !mails.isEmpty());
        String token = InvitePathTest.token((String) inbox.get(0).get("mimeMessage"));
        InvitationAcceptanceApi acceptance = new InvitationAcceptanceApi(anonymous());
        AcceptResponse accepted = acceptance.acceptInvitation(new AcceptRequest().token(token));
        assertThat(accepted.getPortalId()).isEqualTo(portal.getId());
        assertThat(accepted.getEmail()).isEqualTo(annMail);
        assertThatThrownBy(() -> acceptance.acceptInvitation(new AcceptRequest().token(token)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getResponseBody()).contains("INVITATION_ALREADY_ACCEPTED");
                });
        PortalUsersApi users = new PortalUsersApi(client);
        UserCountsResponse counts = await().atMost(Duration.ofSeconds(20))
                .until(() -> users.countPortalUsers(portal.getId()), c -> c.getConfirmed() == 1L);
        assertThat(counts.getAll()).isEqualTo(1L);
    }

    private static ApiClient client(String org) throws Exception {
        String token = TokenCli.sign(org, Gateway.ALL_SCOPES, "admin@" + org, Duration.ofHours(1));
        ApiClient client = anonymous();
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    private static ApiClient anonymous() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(Stack.gateway());
        return client;
    }

    private static CrmEvent record(String org, String id, String name, String email) {
        return new CrmEvent().eventId(UUID.randomUUID()).orgId(org).module("Contacts").recordId(id)
                .operation(CrmOperation.CREATED).version(1L).record(Map.of("Full_Name", name, "Email", email));
    }
}
