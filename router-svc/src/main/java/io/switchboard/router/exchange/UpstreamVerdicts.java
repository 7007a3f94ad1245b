package io.switchboard.router.exchange;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.switchboard.events.Attempt;
import io.switchboard.router.provider.UpstreamTimeoutException;

/** How the router reads an upstream's failure: worth another deployment or not, and why. */
final class UpstreamVerdicts {

    private static final Pattern MODEL_GONE = Pattern.compile(
            "model_not_found|not_found_error|model[^.]{0,80}(does not exist|not found|not supported|deprecated|"
                    + "decommissioned|retired|no longer (available|supported))",
            Pattern.CASE_INSENSITIVE);

    private UpstreamVerdicts() {
    }

    /** Statuses after which another deployment should try: timeouts, rate limits and server errors. */
    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    static Attempt.Outcome outcomeOf(int status) {
        return status == 429 ? Attempt.Outcome.RATE_LIMITED : Attempt.Outcome.SERVER_ERROR;
    }

    static Attempt.Outcome outcomeOf(Throwable failure) {
        if (failure instanceof UpstreamTimeoutException) {
            return Attempt.Outcome.TIMEOUT;
        }
        if (failure instanceof ConnectException || failure instanceof ConnectTimeoutException
                || failure instanceof UnknownHostException || failure instanceof SSLException) {
            return Attempt.Outcome.CONNECT_ERROR;
        }
        return Attempt.Outcome.SERVER_ERROR;
    }

    /** Whether a refusal says the model itself is gone, rather than that the request was wrong. */
    static boolean modelGone(int status, String body) {
        return status == 404 || status == 410 || (status == 400 || status == 403) && MODEL_GONE.matcher(body).find();
    }

    /** The wait a {@code Retry-After} header asks for (seconds or an HTTP date), or {@code null}. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(header.trim()) * 1000));
        } catch (NumberFormatException e) {
            try {
                var at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
