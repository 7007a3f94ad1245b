package io.switchboard.metering.access;

import java.util.Set;

import io.switchboard.metering.aggregate.Dimension;
import io.switchboard.metering.query.SessionQuery;
import io.switchboard.metering.query.SpendQuery;

/** Narrows a query to what the caller may see: an engineer's queries are limited to their own user. */
public final class Scoping {

    private Scoping() {
    }

    public static SpendQuery scope(Access access, SpendQuery query) {
        return access instanceof Access.Engineer engineer
                ? query.withFilter(Dimension.USER, own(engineer, query.users()))
                : query;
    }

    public static SessionQuery scope(Access access, SessionQuery query) {
        return access instanceof Access.Engineer engineer
                ? query.withFilter(Dimension.USER, own(engineer, query.users()))
                : query;
    }

    /** Whether the caller may see the spend of {@code user}. */
    public static void check(Access access, String user) {
        own(access, Set.of(user));
    }

    private static Set<String> own(Access access, Set<String> asked) {
        if (access instanceof Access.Engineer engineer) {
            if (!asked.isEmpty() && !asked.equals(Set.of(engineer.user()))) {
                throw AccessException.forbidden("A virtual key sees only its own spend (user " + engineer.user()
                        + "); an admin key sees everyone's.");
            }
            return Set.of(engineer.user());
        }
        return asked;
    }
}
