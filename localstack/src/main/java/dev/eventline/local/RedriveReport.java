package dev.eventline.local;

import java.util.ArrayList;
import java.util.List;

/** What a redrive did with each message of the dead-letter queue. */
public final class RedriveReport {
    private final List<String> redriven = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final List<String> unavailable = new ArrayList<>();

    void redriven(String messageId, String what) {
        redriven.add(messageId);
        LocalLog.info("redriven " + messageId + ": " + what);
    }

    void failed(String messageId, String why) {
        failed.add(messageId);
        LocalLog.warn("still failing, left in the queue: " + messageId + ": " + why);
    }

    void unavailable(String messageId, String why) {
        unavailable.add(messageId);
        LocalLog.warn("cannot redrive, left in the queue: " + messageId + ": " + why);
    }

    public List<String> redriven() {
        return List.copyOf(redriven);
    }

    public List<String> failed() {
        return List.copyOf(failed);
    }

    public List<String> unavailable() {
        return List.copyOf(unavailable);
    }

    public boolean allRedriven() {
        return failed.isEmpty() && unavailable.isEmpty();
    }

    @Override
    public String toString() {
        return redriven.size() + " redriven, " + failed.size() + " still failing, " + unavailable.size()
                + " not redrivable";
    }
}
