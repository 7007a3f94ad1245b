package io.switchboard.distill.worker;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The worker's settings: the environment variables the stage's Job sets (see the model's Pods.workerEnv). */
final class Env {

    private static final Path KUBELET_TERMINATION_LOG = Path.of("/dev/termination-log");

    private final Map<String, String> variables;

    Env(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new BadInput(name + " is not set"));
    }

    /** Every variable, for settings read by prefix (Kafka's {@code KAFKA_*}). */
    Map<String, String> variables() {
        return variables;
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(variables.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    Path path(String name) {
        return Path.of(required(name));
    }

    URI url(String name) {
        String value = required(name);
        try {
            URI url = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new BadInput(name + " must be an http(s) URL such as http://router:8080, not " + value);
        }
    }

    BigDecimal decimal(String name) {
        String value = required(name);
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new BadInput(name + " must be a decimal number such as 0.2, not " + value);
        }
    }

    long wholeNumber(String name, long min, long defaultValue) {
        Optional<String> value = optional(name);
        try {
            long number = value.map(Long::parseLong).orElse(defaultValue);
            if (number < min) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new BadInput(name + " must be a whole number of at least " + min + ", not " + value.orElse(""));
        }
    }

    /** How many requests the worker has in flight at once. */
    int concurrency() {
        return (int) Math.min(wholeNumber(WorkerSettings.CONCURRENCY, 1, 4), 256);
    }

    /** The router, through which the teacher (and a judge) are asked, metered as the job's workload. */
    Endpoint router() {
        return new Endpoint("the router", url(WorkerSettings.ROUTER_URL), required(WorkerSettings.ROUTER_KEY),
                required(WorkerSettings.WORKLOAD));
    }

    /** The file named, else the kubelet's, where it mounted one: nothing is created in /dev outside a pod. */
    TerminationMessage terminationMessage() {
        return new TerminationMessage(optional(WorkerSettings.TERMINATION_LOG).map(Path::of)
                .or(() -> Optional.of(KUBELET_TERMINATION_LOG).filter(Files::exists)));
    }
}
