package com.supportpin.simulator;

import java.util.Map;

/** Where a document, or a part of a call, goes next, and how a leg or a wait in a queue ended. */
final class Flow {

    private Flow() {}

    /** Where a document, or a part of a call, goes next. */
    sealed interface Next permits Fetch, LeaveQueue, End {}

    /** Request a URL and run what it answers. */
    record Fetch(String url, String method, Map<String, String> params) implements Next {}

    /** Leave the queue (the Leave verb in a waitUrl document). */
    record LeaveQueue() implements Next {}

    /** The call is over. */
    record End(Ending ending) implements Next {}

    enum Ending {
        DOCUMENT_ENDED,
        HANGUP_VERB,
        REJECTED,
        CALLER_HUNG_UP,
        ALREADY_ENDED,
        FAILED
    }

    /** Where a document runs: the call, an Enqueue waitUrl, a Queue url before a bridge, or a Number url. */
    enum Context {
        CALL,
        WAIT,
        BRIDGE,
        NUMBER
    }

    /** How a caller left a queue. */
    enum QueueResult {
        BRIDGED,
        HANGUP,
        LEAVE,
        ERROR
    }
}
