package io.switchboard.router.routing;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.switchboard.router.identity.Caller;
import io.switchboard.router.routing.RoutingFile.DeploymentSpec;
import io.switchboard.router.routing.RoutingFile.PriceSpec;
import io.switchboard.router.routing.RoutingFile.ProviderSpec;
import io.switchboard.router.routing.RoutingTable.Deployment;

/**
 * Reads a routing file and checks it as a whole: either every part is usable and a {@link RoutingTable} comes back, or
 * a {@link RoutingConfigException} lists every problem by the path of its field.
 */
public final class RoutingFileLoader {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_FIRST_BYTE_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private final UnaryOperator<String> environment;

    /** @param environment looks up provider keys by variable name; {@code System::getenv} in production */
    public RoutingFileLoader(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    public RoutingTable load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new RoutingConfigException(file.toString(), List.of("cannot read the file: " + e.getMessage()));
        }
    }

    public RoutingTable parse(String text, String source) {
        RoutingFile file;
        try {
            file = yaml.readValue(text, RoutingFile.class);
        } catch (JsonMappingException e) {
            throw new RoutingConfigException(source, List.of(pathOf(e) + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new RoutingConfigException(source, List.of("not valid YAML: " + e.getMessage()));
        }
        if (file == null) {
            throw new RoutingConfigException(source, List.of("the file is empty"));
        }
        var problems = new ArrayList<String>();
        var providers = providers(file, problems);
        var prices = file.prices() == null
                ? Map.<String, PriceSpec>of()
                : Objects.requireNonNullElse(file.prices().models(), Map.<String, PriceSpec>of());
        var models = models(file, providers, prices, problems);
        var callers = callers(file, problems);
        String priceVersion = file.prices() == null ? null : file.prices().version();
        if (priceVersion == null || priceVersion.isBlank()) {
            problems.add("prices.version: required, so that every metered cost names the price table it used");
        }
        if (!problems.isEmpty()) {
            throw new RoutingConfigException(source, problems);
        }
        return new RoutingTable(providers, models, callers, priceVersion);
    }

    private Map<String, ProviderSettings> providers(RoutingFile file, List<String> problems) {
        var result = new HashMap<String, ProviderSettings>();
        if (file.providers() == null || file.providers().isEmpty()) {
            problems.add("providers: at least one provider is required");
            return result;
        }
        file.providers().forEach((name, spec) -> {
            var path = "providers." + name;
            if (spec == null || spec.type() == null) {
                problems.add(path + ".type: required (openai or simulated)");
                return;
            }
            switch (spec.type()) {
                case "openai" -> openAiCompatible(name, spec, path, problems).ifPresent(p -> result.put(name, p));
                case "simulated" -> result.put(name, simulated(name, spec, path, problems));
                default -> problems.add(path + ".type: unknown provider type '" + spec.type()
                        + "' (expected openai or simulated)");
            }
        });
        return result;
    }

    private Optional<ProviderSettings> openAiCompatible(String name, ProviderSpec spec, String path,
            List<String> problems) {
        int before = problems.size();
        URI baseUrl = null;
        if (spec.baseUrl() == null) {
            problems.add(path + ".baseUrl: required for an openai provider");
        } else {
            try {
                baseUrl = new URI(spec.baseUrl());
                if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())
                        || baseUrl.getHost() == null) {
                    problems.add(path + ".baseUrl: must be an http:// or https:// URL with a host");
                }
            } catch (URISyntaxException e) {
                problems.add(path + ".baseUrl: not a URL: " + e.getMessage());
            }
        }
        String apiKey = "";
        if (spec.apiKeyEnv() != null) {
            apiKey = environment.apply(spec.apiKeyEnv());
            if (apiKey == null || apiKey.isBlank()) {
                problems.add(path + ".apiKeyEnv: environment variable " + spec.apiKeyEnv() + " is not set");
            }
        }
        var timeouts = spec.timeouts();
        var connect = duration(timeouts == null ? null : timeouts.connect(), DEFAULT_CONNECT_TIMEOUT,
                path + ".timeouts.connect", problems);
        var firstByte = duration(timeouts == null ? null : timeouts.firstByte(), DEFAULT_FIRST_BYTE_TIMEOUT,
                path + ".timeouts.firstByte", problems);
        rejectSimulatorFields(spec, path, problems);
        return problems.size() > before
                ? Optional.empty()
                : Optional.of(new ProviderSettings.OpenAiCompatible(name, baseUrl, apiKey, connect,
                        firstByte));
    }

    private ProviderSettings simulated(String name, ProviderSpec spec, String path, List<String> problems) {
        var latency = duration(spec.latency(), Duration.ofMillis(50), path + ".latency", problems);
        var chunkInterval = duration(spec.chunkInterval(), Duration.ofMillis(10), path + ".chunkInterval", problems);
        double failureRate = Objects.requireNonNullElse(spec.failureRate(), 0.0);
        if (failureRate < 0 || failureRate > 1) {
            problems.add(path + ".failureRate: must be between 0 and 1");
        }
        if (spec.baseUrl() != null || spec.apiKeyEnv() != null) {
            problems.add(path + ": a simulated provider takes no baseUrl or apiKeyEnv");
        }
        return new ProviderSettings.Simulated(name, latency, chunkInterval, failureRate);
    }

    private static void rejectSimulatorFields(ProviderSpec spec, String path, List<String> problems) {
        if (spec.latency() != null || spec.chunkInterval() != null || spec.failureRate() != null) {
            problems.add(path + ": latency, chunkInterval and failureRate apply to simulated providers only");
        }
    }

    private static Map<String, List<Deployment>> models(RoutingFile file, Map<String, ProviderSettings> providers,
            Map<String, PriceSpec> prices, List<String> problems) {
        var result = new LinkedHashMap<String, List<Deployment>>();
        if (file.models() == null || file.models().isEmpty()) {
            problems.add("models: at least one model is required");
            return result;
        }
        file.models().forEach((name, spec) -> {
            var path = "models." + name + ".chain";
            if (spec == null || spec.chain() == null || spec.chain().isEmpty()) {
                problems.add(path + ": at least one deployment is required");
                return;
            }
            var chain = new ArrayList<Deployment>();
            for (int i = 0; i < spec.chain().size(); i++) {
                deployment(spec.chain().get(i), path + "[" + i + "]", providers, prices, problems)
                        .ifPresent(chain::add);
            }
            result.put(name, List.copyOf(chain));
        });
        return result;
    }

    private static Optional<Deployment> deployment(DeploymentSpec spec, String path,
            Map<String, ProviderSettings> providers, Map<String, PriceSpec> prices, List<String> problems) {
        if (spec == null || spec.provider() == null || spec.model() == null) {
            problems.add(path + ": provider and model are required");
            return Optional.empty();
        }
        if (!providers.containsKey(spec.provider())) {
            problems.add(path + ".provider: unknown provider '" + spec.provider() + "'");
            return Optional.empty();
        }
        var price = prices.get(spec.model());
        if (price == null) {
            problems.add(path + ".model: no price for '" + spec.model() + "' under prices.models");
            return Optional.empty();
        }
        if (price.input() == null || price.output() == null) {
            problems.add("prices.models." + spec.model() + ": input and output prices are required");
            return Optional.empty();
        }
        long cached = Objects.requireNonNullElse(price.cachedInput(), price.input());
        long cacheWrite = Objects.requireNonNullElse(price.cacheWrite(), price.input());
        if (price.input() < 0 || price.output() < 0 || cached < 0 || cacheWrite < 0) {
            problems.add("prices.models." + spec.model() + ": prices cannot be negative");
            return Optional.empty();
        }
        return Optional.of(new Deployment(spec.provider(), spec.model(),
                new Price(price.input(), cached, cacheWrite, price.output())));
    }

    private static Map<String, Caller> callers(RoutingFile file, List<String> problems) {
        var result = new HashMap<String, Caller>();
        var ids = new HashMap<String, Integer>();
        var keys = Objects.requireNonNullElse(file.keys(), List.<RoutingFile.KeySpec>of());
        for (int i = 0; i < keys.size(); i++) {
            var key = keys.get(i);
            var path = "keys[" + i + "]";
            if (key == null || key.id() == null || key.sha256() == null || key.user() == null) {
                problems.add(path + ": id, sha256 and user are required");
                continue;
            }
            if (!SHA256_HEX.matcher(key.sha256()).matches()) {
                problems.add(path + ".sha256: must be the 64 lower-case hex digits of the key's SHA-256");
                continue;
            }
            var previous = ids.putIfAbsent(key.id(), i);
            if (previous != null) {
                problems.add(path + ".id: '" + key.id() + "' is also the id of keys[" + previous + "]");
            }
            if (result.putIfAbsent(key.sha256(), new Caller(key.id(), key.user(),
                    Objects.requireNonNullElse(key.team(), ""))) != null) {
                problems.add(path + ".sha256: the same key is listed twice");
            }
        }
        return result;
    }

    private static Duration duration(String text, Duration fallback, String path, List<String> problems) {
        if (text == null) {
            return fallback;
        }
        var parsed = Durations.parse(text);
        if (parsed == null || parsed.isZero()) {
            problems.add(path + ": '" + text + "' is not a duration such as 250ms, 2s or 1m");
            return fallback;
        }
        return parsed;
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
