package com.supportpin.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The simulator's own queues (named, first in first out), never seen by the server under test. */
final class LocalQueues {

    static final int MAX_SIZE = 1000;
    /** Seconds one round of hold counts for, since the simulator plays no hold music. */
    static final int SECONDS_PER_HOLD_ROUND = 60;

    /** A caller waiting in a queue, with where Twilio reports the result when they leave. */
    static final class Entry {
        private final String queue;
        private final String queueSid;
        private final Leg leg;
        private final Optional<String> actionUrl;
        private final String actionMethod;
        private final long joinedNanos = System.nanoTime();
        private boolean bridged;
        private int rounds;

        Entry(String queue, String queueSid, Leg leg, Optional<String> actionUrl, String actionMethod) {
            this.queue = queue;
            this.queueSid = queueSid;
            this.leg = leg;
            this.actionUrl = actionUrl;
            this.actionMethod = actionMethod;
        }

        String queue() {
            return queue;
        }

        String queueSid() {
            return queueSid;
        }

        Leg leg() {
            return leg;
        }

        Optional<String> actionUrl() {
            return actionUrl;
        }

        String actionMethod() {
            return actionMethod;
        }

        long queueTimeSeconds() {
            return (System.nanoTime() - joinedNanos) / 1_000_000_000L + (long) rounds * SECONDS_PER_HOLD_ROUND;
        }

        /** One more round of hold music has played. */
        void heldOneRound() {
            rounds++;
        }

        boolean bridged() {
            return bridged;
        }

        void markBridged() {
            bridged = true;
        }
    }

    private final Map<String, String> sids = new HashMap<>();
    private final Map<String, List<Entry>> waiting = new HashMap<>();

    /** Puts a leg at the back of the named queue. */
    Entry join(String queue, Leg leg, Optional<String> actionUrl, String actionMethod) {
        String sid = sids.computeIfAbsent(queue, name -> Leg.newSid("QU"));
        var entry = new Entry(queue, sid, leg, actionUrl, actionMethod);
        waiting.computeIfAbsent(queue, name -> new ArrayList<>()).add(entry);
        return entry;
    }

    boolean isFull(String queue) {
        return size(queue) >= MAX_SIZE;
    }

    /** Takes the caller at the front of the queue, if anyone waits. */
    Optional<Entry> dequeue(String queue) {
        List<Entry> entries = waiting.getOrDefault(queue, List.of());
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.remove(0));
    }

    void remove(Entry entry) {
        waiting.getOrDefault(entry.queue(), new ArrayList<>()).remove(entry);
    }

    int position(Entry entry) {
        return waiting.getOrDefault(entry.queue(), List.of()).indexOf(entry) + 1;
    }

    int size(String queue) {
        return waiting.getOrDefault(queue, List.of()).size();
    }

    /** Names of queues that someone waits in, to explain an empty Dial. */
    List<String> occupied() {
        return waiting.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** The waitUrl parameters Twilio sends to a waiting caller's hold music. */
    Map<String, String> waitParams(Entry entry) {
        var params = new LinkedHashMap<String, String>();
        params.put("QueuePosition", String.valueOf(position(entry)));
        params.put("QueueSid", entry.queueSid());
        params.put("QueueTime", String.valueOf(entry.queueTimeSeconds()));
        params.put("AvgQueueTime", String.valueOf(entry.queueTimeSeconds()));
        params.put("CurrentQueueSize", String.valueOf(size(entry.queue())));
        params.put("MaxQueueSize", String.valueOf(MAX_SIZE));
        return params;
    }
}
