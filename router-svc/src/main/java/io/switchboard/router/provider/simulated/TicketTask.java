package io.switchboard.router.provider.simulated;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The simulated teacher's ticket task: a support ticket's label follows from its words (the category with the most
 * keywords, the first in alphabetical order on a tie, {@code other} with none), except for one ticket in twenty,
 * chosen by the text's hash, that gets another label, as a real teacher errs now and then. A small student learns the
 * rule from a few hundred examples but not the errors, so what it scores is measured, not given.
 */
final class TicketTask {

    /** Every label the teacher gives; {@code other} last. */
    static final List<String> LABELS = List.of("account", "billing", "bug", "shipping", "other");

    private static final Map<String, Set<String>> KEYWORDS = Map.of(
            "account", Set.of("password", "login", "locked", "username", "email"),
            "billing", Set.of("refund", "invoice", "charged", "payment", "receipt"),
            "bug", Set.of("crash", "error", "freezes", "broken", "exception"),
            "shipping", Set.of("delivery", "parcel", "tracking", "courier", "arrived"));

    private static final int ERRORS_PER_HUNDRED = 5;

    private TicketTask() {
    }

    /** The teacher's label for a ticket, given the text of its last user message. */
    static String label(String ticket) {
        int best = ruled(ticket);
        int hash = Math.floorMod(ticket.hashCode(), 100 * (LABELS.size() - 1));
        if (hash % 100 < ERRORS_PER_HUNDRED) {
            // an offset of 1 to 4 out of 5 labels: never the right one
            return LABELS.get((best + 1 + hash / 100) % LABELS.size());
        }
        return LABELS.get(best);
    }

    /**
     * A label picked by a mixed hash of the ticket's text alone (the finalizer of MurmurHash3 over
     * {@link String#hashCode()}), so that neither the keywords nor any feature a small model could find tell it.
     */
    static String hashedLabel(String ticket) {
        int hash = ticket.hashCode();
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >>> 16;
        return LABELS.get(Math.floorMod(hash, LABELS.size()));
    }

    /** The index of the label the rule gives. */
    static int ruled(String ticket) {
        var words = Arrays.asList(ticket.toLowerCase(Locale.ROOT).split("[^a-z]+"));
        int best = LABELS.size() - 1;
        long bestCount = 0;
        for (int i = 0; i < LABELS.size() - 1; i++) {
            long count = words.stream().filter(KEYWORDS.get(LABELS.get(i))::contains).count();
            if (count > bestCount) {
                best = i;
                bestCount = count;
            }
        }
        return best;
    }
}
