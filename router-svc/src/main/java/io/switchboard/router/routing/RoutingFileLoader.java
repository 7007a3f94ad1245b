package io.switchboard.router.routing;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;

import io.switchboard.events.Budget;
import io.switchboard.events.StudentRoute;
import io.switchboard.routingfile.RoutingFile;
import io.switchboard.routingfile.RoutingFile.ProviderSpec;

/**
 * Reads a routing file and checks it as a whole: either every part is usable and a {@link RoutingTable} comes back, or
 * a {@link RoutingConfigException} lists every problem by the path of its field.
 */
// The routing file's records live in a plain module without Quarkus: registered here for the native image.
public final class RoutingFileLoader {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String TYPES = "openai, openai-compatible, azure, anthropic, gemini or simulated";

    private final UnaryOperator<String> environment;

    /** @param environment looks up provider keys by variable name; {@code System::getenv} in production */
    public RoutingFileLoader(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    public RoutingTable parse(String text, String source) {
        RoutingFile file;
        try {
            file = RoutingFile.parse(text);
        } catch (JsonMappingException e) {
            throw new RoutingConfigException(source, List.of(pathOf(e) + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new RoutingConfigException(source, List.of("not valid YAML: " + e.getMessage()));
        }
        if (file == null) {
            throw new RoutingConfigException(source, List.of("the file is empty"));
        }
        var problems = new Problems();
        var defaults = Objects.requireNonNullElse(file.defaults(), new RoutingFile.Defaults(null, null, null));
        var timeouts = problems.timeouts(defaults.timeouts(), Timeouts.DEFAULT, "defaults.timeouts");
        var retry = retry(defaults.retry(), problems);
        var breaker = breaker(defaults.circuitBreaker(), problems);
        var providers = providers(file, problems);
        var models = new ModelReader(file, providers.keySet(), timeouts, environment, problems).read();
        var callers = callers(file, problems);
        var admins = adminKeys(file, problems);
        var budgets = budgets(file, problems);
        var capture = capture(file, problems);
        String priceVersion = file.prices() == null ? null : file.prices().version();
        if (priceVersion == null || priceVersion.isBlank()) {
            problems.add("prices.version", "required, so that every metered cost names the price table it used");
        }
        if (!problems.isEmpty()) {
            throw new RoutingConfigException(source, problems.all());
        }
        return new RoutingTable(providers, models, callers, admins, priceVersion, retry, breaker, budgets, capture);
    }

    private static Map<String, CaptureRule> capture(RoutingFile file, Problems problems) {
        var rules = new HashMap<String, CaptureRule>();
        var specs = Objects.requireNonNullElse(file.capture(), Map.<String, RoutingFile.CaptureSpec>of());
        for (var entry : specs.entrySet()) {
            var path = "capture." + entry.getKey();
            var spec = entry.getValue();
            if (spec == null) {
                problems.add(path, "give at least its sampleRate");
                continue;
            }
            if (entry.getKey().isBlank()) {
                problems.add(path, "a workload tag is required");
            }
            if (spec.sampleRate() == null || !(spec.sampleRate() > 0 && spec.sampleRate() <= 1)) {
                problems.add(path + ".sampleRate", "required, above 0 and at most 1 (the share of answered requests "
                        + "captured)");
            }
            int maxBytes = Objects.requireNonNullElse(spec.maxExampleBytes(), CaptureRule.DEFAULT_MAX_EXAMPLE_BYTES);
            if (maxBytes < 1024) {
                problems.add(path + ".maxExampleBytes", "must be at least 1024");
            }
            var retention = problems.duration(spec.retention(), CaptureRule.DEFAULT_RETENTION, path + ".retention");
            var redactions = new ArrayList<CaptureRule.Redaction>();
            var names = Objects.requireNonNullElse(spec.redact(), List.<String>of());
            for (int i = 0; i < names.size(); i++) {
                var builtIn = CaptureRule.BUILT_IN.get(names.get(i));
                if (builtIn == null) {
                    problems.add(path + ".redact[" + i + "]", "'" + names.get(i) + "' is not one of email, key, "
                            + "number; write your own under patterns");
                } else {
                    redactions.add(builtIn);
                }
            }
            var patterns = Objects.requireNonNullElse(spec.patterns(), List.<RoutingFile.PatternSpec>of());
            for (int i = 0; i < patterns.size(); i++) {
                var pattern = patterns.get(i);
                var at = path + ".patterns[" + i + "]";
                if (pattern == null || pattern.pattern() == null || pattern.pattern().isEmpty()) {
                    problems.add(at + ".pattern", "required");
                    continue;
                }
                try {
                    redactions.add(new CaptureRule.Redaction(Pattern.compile(pattern.pattern()),
                            Matcher.quoteReplacement(Objects.requireNonNullElse(pattern.replacement(), "[redacted]"))));
                } catch (PatternSyntaxException e) {
                    problems.add(at + ".pattern", "not a regular expression: " + e.getDescription());
                }
            }
            if (spec.sampleRate() != null) {
                rules.put(entry.getKey(), new CaptureRule(entry.getKey(), spec.sampleRate(), maxBytes, retention,
                        redactions));
            }
        }
        return rules;
    }

    private static Map<String, List<Budget>> budgets(RoutingFile file, Problems problems) {
        var budgets = new ArrayList<Budget>();
        var specs = Objects.requireNonNullElse(file.budgets(), List.<RoutingFile.BudgetSpec>of());
        for (int i = 0; i < specs.size(); i++) {
            var spec = specs.get(i);
            try {
                budgets.add(Budget.of(spec.subject(), spec.period(), spec.soft(), spec.hard(), spec.webhook()));
            } catch (IllegalArgumentException e) {
                problems.add("budgets[" + i + "]", e.getMessage());
            }
        }
        try {
            return Budget.bySubject(budgets);
        } catch (IllegalArgumentException e) {
            problems.add("budgets", e.getMessage());
            return Map.of();
        }
    }

    private static RetryPolicy retry(RoutingFile.RetrySpec spec, Problems problems) {
        if (spec == null) {
            return RetryPolicy.DEFAULT;
        }
        int attempts = Objects.requireNonNullElse(spec.maxAttempts(), RetryPolicy.DEFAULT.maxAttempts());
        if (attempts < 1) {
            problems.add("defaults.retry.maxAttempts", "must be at least 1");
        }
        return new RetryPolicy(attempts,
                problems.duration(spec.budget(), RetryPolicy.DEFAULT.budget(), "defaults.retry.budget"),
                problems.duration(spec.maxRetryAfter(), RetryPolicy.DEFAULT.maxRetryAfter(),
                        "defaults.retry.maxRetryAfter"));
    }

    private static BreakerPolicy breaker(RoutingFile.BreakerSpec spec, Problems problems) {
        if (spec == null) {
            return BreakerPolicy.DEFAULT;
        }
        var base = BreakerPolicy.DEFAULT;
        int window = Objects.requireNonNullElse(spec.window(), base.window());
        double ratio = Objects.requireNonNullElse(spec.failureRatio(), base.failureRatio());
        int probes = Objects.requireNonNullElse(spec.probes(), base.probes());
        if (window < 1) {
            problems.add("defaults.circuitBreaker.window", "must be at least 1");
        }
        if (ratio <= 0 || ratio > 1) {
            problems.add("defaults.circuitBreaker.failureRatio", "must be above 0 and at most 1");
        }
        if (probes < 1) {
            problems.add("defaults.circuitBreaker.probes", "must be at least 1");
        }
        return new BreakerPolicy(window, ratio,
                problems.duration(spec.delay(), base.delay(), "defaults.circuitBreaker.delay"), probes);
    }

    private static Map<String, ProviderSettings> providers(RoutingFile file, Problems problems) {
        var result = new HashMap<String, ProviderSettings>();
        if (file.providers() == null || file.providers().isEmpty()) {
            problems.add("providers", "at least one provider is required");
            return result;
        }
        file.providers().forEach((name, spec) -> {
            var path = "providers." + name;
            if (StudentRoute.isStudent(name)) {
                problems.add(path, "names starting with '" + StudentRoute.PROVIDER_PREFIX + "' are the promoted "
                        + "students' (switchboard.routes.v1); choose another");
                return;
            }
            if (spec == null || spec.type() == null) {
                problems.add(path + ".type", "required (" + TYPES + ")");
                return;
            }
            if ("simulated".equals(spec.type())) {
                result.put(name, simulated(name, spec, path, problems));
                return;
            }
            ProviderSettings.Vendor.ofType(spec.type()).ifPresentOrElse(
                    vendor -> http(name, vendor, spec, path, problems).ifPresent(p -> result.put(name, p)),
                    () -> problems.add(path + ".type", "unknown provider type '" + spec.type() + "' (expected "
                            + TYPES + ")"));
        });
        return result;
    }

    private static Optional<ProviderSettings> http(String name, ProviderSettings.Vendor vendor, ProviderSpec spec,
            String path, Problems problems) {
        if (spec.latency() != null || spec.chunkInterval() != null || spec.failureRate() != null
                || spec.task() != null) {
            problems.add(path, "latency, chunkInterval, failureRate and task apply to simulated providers only");
        }
        if (spec.apiVersion() != null && vendor != ProviderSettings.Vendor.AZURE) {
            problems.add(path + ".apiVersion", "applies to azure providers only");
        }
        var url = spec.baseUrl() != null ? spec.baseUrl() : vendor.defaultBaseUrl();
        if (url == null) {
            problems.add(path + ".baseUrl", "required for an " + vendor.type() + " provider");
            return Optional.empty();
        }
        try {
            var baseUrl = new URI(url);
            if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())
                    || baseUrl.getHost() == null) {
                problems.add(path + ".baseUrl", "must be an http:// or https:// URL with a host");
                return Optional.empty();
            }
            return Optional.of(new ProviderSettings.Http(name, vendor, baseUrl, spec.apiVersion()));
        } catch (URISyntaxException e) {
            problems.add(path + ".baseUrl", "not a URL: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static ProviderSettings simulated(String name, ProviderSpec spec, String path, Problems problems) {
        var latency = problems.duration(spec.latency(), Duration.ofMillis(50), path + ".latency");
        var chunkInterval = problems.duration(spec.chunkInterval(), Duration.ofMillis(10), path + ".chunkInterval");
        double failureRate = Objects.requireNonNullElse(spec.failureRate(), 0.0);
        if (failureRate < 0 || failureRate > 1) {
            problems.add(path + ".failureRate", "must be between 0 and 1");
        }
        if (spec.baseUrl() != null || spec.apiKeyEnv() != null) {
            problems.add(path, "a simulated provider takes no baseUrl or apiKeyEnv");
        }
        ProviderSettings.Task task = null;
        if (spec.task() != null) {
            task = ProviderSettings.Task.ofId(spec.task()).orElse(null);
            if (task == null) {
                problems.add(path + ".task", "unknown task '" + spec.task() + "' (expected "
                        + Arrays.stream(ProviderSettings.Task.values()).map(ProviderSettings.Task::id)
                                .collect(Collectors.joining(", "))
                        + ")");
            }
        }
        return new ProviderSettings.Simulated(name, latency, chunkInterval, failureRate, task);
    }

    private static Map<String, Caller> callers(RoutingFile file, Problems problems) {
        var result = new HashMap<String, Caller>();
        var ids = new HashMap<String, Integer>();
        var keys = Objects.requireNonNullElse(file.keys(), List.<RoutingFile.KeySpec>of());
        for (int i = 0; i < keys.size(); i++) {
            var key = keys.get(i);
            var path = "keys[" + i + "]";
            if (key == null || key.id() == null || key.sha256() == null || key.user() == null) {
                problems.add(path, "id, sha256 and user are required");
                continue;
            }
            if (!validHash(key, path, problems)) {
                continue;
            }
            var previous = ids.putIfAbsent(key.id(), i);
            if (previous != null) {
                problems.add(path + ".id", "'" + key.id() + "' is also the id of keys[" + previous + "]");
            }
            if (result.putIfAbsent(key.sha256(), new Caller(key.id(), key.user(),
                    Objects.requireNonNullElse(key.team(), ""))) != null) {
                problems.add(path + ".sha256", "the same key is listed twice");
            }
        }
        return result;
    }

    private static Set<String> adminKeys(RoutingFile file, Problems problems) {
        var result = new HashSet<String>();
        var keys = Objects.requireNonNullElse(file.adminKeys(), List.<RoutingFile.KeySpec>of());
        for (int i = 0; i < keys.size(); i++) {
            var key = keys.get(i);
            var path = "adminKeys[" + i + "]";
            if (key == null || key.id() == null || key.sha256() == null) {
                problems.add(path, "id and sha256 are required");
            } else if (validHash(key, path, problems)) {
                result.add(key.sha256());
            }
        }
        return result;
    }

    private static boolean validHash(RoutingFile.KeySpec key, String path, Problems problems) {
        if (SHA256_HEX.matcher(key.sha256()).matches()) {
            return true;
        }
        problems.add(path + ".sha256", "must be the 64 lower-case hex digits of the key's SHA-256");
        return false;
    }

    private static String pathOf(JsonMappingException e) {
        var path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.isEmpty() ? "(top level)" : path.toString();
    }
}
