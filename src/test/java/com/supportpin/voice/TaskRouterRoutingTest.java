package com.supportpin.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.GoldenTwiml;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Queue routing in both modes: named queues by default, TaskRouter Tasks when a Workflow SID is set.
 * Each server gets a fresh database so ids, times and CallSids in the documents are the same every run.
 */
class TaskRouterRoutingTest {

    private static final String WORKFLOW_SID = "WW0123456789abcdef0123456789abcdef";
    private static final String VERIFIED_SID = "CA00000000000000000000000000000001";
    private static final String UNVERIFIED_SID = "CA00000000000000000000000000000002";

    private static TestServer queues;
    private static TestServer taskRouter;

    @BeforeAll
    static void startServers() {
        queues = TestServer.start();
        taskRouter = TestServer.start(Map.of("TASKROUTER_WORKFLOW_SID", WORKFLOW_SID));
    }

    @AfterAll
    static void stopServers() {
        queues.close();
        taskRouter.close();
    }

    @Test
    void withoutAWorkflowVerifiedAndUnverifiedCallersGoToTheNamedQueues() {
        String verified = verifiedCaller(queues);
        String unverified = unverifiedCaller(queues);

        assertThat(Twiml.text(verified, "Enqueue")).isEqualTo(QueueRouting.VERIFIED_QUEUE);
        assertThat(Twiml.text(unverified, "Enqueue")).isEqualTo(QueueRouting.UNVERIFIED_QUEUE);
        assertThat(verified).doesNotContain("workflowSid").doesNotContain("<Task");
        // The same documents as the golden files of the plain call flow.
        GoldenTwiml.check(queues, "verified", verified);
        GoldenTwiml.check(queues, "unverified-no-pin", unverified);
    }

    @Test
    void withAWorkflowAVerifiedCallerBecomesATaskCarryingWhoTheyAre() throws Exception {
        String xml = verifiedCaller(taskRouter);

        assertThat(Twiml.attribute(xml, "Enqueue", "workflowSid")).isEqualTo(WORKFLOW_SID);
        JsonNode task = new ObjectMapper().readTree(Twiml.text(xml, "Task"));
        assertThat(task.get("verified").asBoolean()).isTrue();
        assertThat(task.get("accountNumber").asText()).isEqualTo("4242");
        assertThat(task.get("contactName").asText()).isEqualTo("Tess Task");
        assertThat(task.get("contactId").asLong()).isPositive();
        assertThat(task.get("callSid").asText()).isEqualTo(VERIFIED_SID);
        assertThat(task.get("verifiedAt").asText()).isEqualTo("2026-11-26T10:00:00Z");
        GoldenTwiml.check(taskRouter, "taskrouter-verified", xml);
    }

    @Test
    void withAWorkflowAnUnverifiedCallerBecomesATaskMarkedUnverified() throws Exception {
        String xml = unverifiedCaller(taskRouter);

        JsonNode task = new ObjectMapper().readTree(Twiml.text(xml, "Task"));
        assertThat(task.get("verified").asBoolean()).isFalse();
        assertThat(task.get("accountNumber").isNull()).isTrue();
        assertThat(task.get("callSid").asText()).isEqualTo(UNVERIFIED_SID);
        GoldenTwiml.check(taskRouter, "taskrouter-unverified", xml);
    }

    @Test
    void withAWorkflowNoCallerIsRecordedInANamedQueueNoCallbackIsOfferedAndTheAgentLineRefuses() {
        var twilio = new FakeTwilio(taskRouter);
        var caller = twilio.call("+14155550503");
        caller.incoming();
        assertThat(Twiml.attribute(caller.account("*").body(), "Enqueue", "workflowSid"))
                .isEqualTo(WORKFLOW_SID);
        String hold = caller.post(VoicePaths.VOICE_HOLD, Map.of("QueuePosition", "1", "QueueTime", "900"))
                .body();
        caller.account("*");

        long recorded = taskRouter
                .jdbi()
                .withHandle(handle -> handle.createQuery("SELECT count(*) FROM queue_member")
                        .mapTo(Long.class)
                        .one());
        assertThat(recorded).isZero();
        assertThat(hold).doesNotContain("<Gather");
        var agent = twilio.agentCall("+14155550190");
        String refused = agent.incoming().body();
        assertThat(Twiml.says(refused))
                .containsExactly("This agent line is not used: calls reach agents as TaskRouter workers. Goodbye.");
        assertThat(agent.code("4711").body()).isEqualTo(refused);
        assertThat(agent.next().body()).isEqualTo(refused);
        GoldenTwiml.check(taskRouter, "agent-taskrouter-refused", refused);
    }

    private static String verifiedCaller(TestServer server) {
        long contact = server.addContact("4242", "Tess Task", "tess@example.com", "correct horse 1");
        String pin = server.generatePin(contact);
        var call = new FakeTwilio(server).call("+14155550501", VERIFIED_SID);
        call.incoming();
        call.account("4242");
        return call.pin(pin).body();
    }

    private static String unverifiedCaller(TestServer server) {
        var call = new FakeTwilio(server).call("+14155550502", UNVERIFIED_SID);
        call.incoming();
        return call.account("*").body();
    }
}
