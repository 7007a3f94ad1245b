package io.switchboard.router.routing;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.switchboard.routingfile.RoutingFile;
import io.switchboard.routingfile.RoutingFile.DeploymentSpec;
import io.switchboard.routingfile.RoutingFile.ModelSpec;
import io.switchboard.routingfile.RoutingFile.PriceSpec;
import io.switchboard.routingfile.RoutingFile.ProviderSpec;

/**
 * Checks and resolves the {@code models} of a routing file: deployments with their prices, keys and timeouts;
 * fallbacks and successors that name real models; aliases that clash with nothing.
 */
final class ModelReader {

    private final RoutingFile file;
    private final Set<String> providers;
    private final Timeouts defaults;
    private final UnaryOperator<String> environment;
    private final Problems problems;
    private final Map<String, PriceSpec> prices;

    ModelReader(RoutingFile file, Set<String> providers, Timeouts defaults, UnaryOperator<String> environment,
            Problems problems) {
        this.file = file;
        this.providers = providers;
        this.defaults = defaults;
        this.environment = environment;
        this.problems = problems;
        this.prices = file.prices() == null
                ? Map.of()
                : Objects.requireNonNullElse(file.prices().models(), Map.of());
    }

    /** Every route by public name and by alias. */
    Map<String, ModelRoute> read() {
        var routes = new HashMap<String, ModelRoute>();
        if (file.models() == null || file.models().isEmpty()) {
            problems.add("models", "at least one model is required");
            return routes;
        }
        file.models().forEach((name, spec) -> route(name, spec).ifPresent(route -> routes.put(name, route)));
        file.models().forEach((name, spec) -> {
            if (spec == null) {
                return;
            }
            var path = "models." + name;
            for (var fallback : Objects.requireNonNullElse(spec.fallbacks(), List.<String>of())) {
                if (!file.models().containsKey(fallback) || fallback.equals(name)) {
                    problems.add(path + ".fallbacks", "'" + fallback + "' is not another model of this file");
                }
            }
            if (spec.successor() != null && (!file.models().containsKey(spec.successor())
                    || spec.successor().equals(name))) {
                problems.add(path + ".successor", "'" + spec.successor() + "' is not another model of this file");
            }
            for (var alias : Objects.requireNonNullElse(spec.aliases(), List.<String>of())) {
                if (file.models().containsKey(alias) || routes.containsKey(alias)) {
                    problems.add(path + ".aliases", "'" + alias + "' is already the name of a model or alias");
                } else if (routes.containsKey(name)) {
                    routes.put(alias, routes.get(name));
                }
            }
        });
        return routes;
    }

    private Optional<ModelRoute> route(String name, ModelSpec spec) {
        var path = "models." + name;
        if (spec == null || spec.deployments() == null || spec.deployments().isEmpty()) {
            problems.add(path + ".deployments", "at least one deployment is required");
            return Optional.empty();
        }
        var strategy = ModelRoute.Strategy.parse(Objects.requireNonNullElse(spec.strategy(), "ordered"));
        if (strategy == null) {
            problems.add(path + ".strategy", "'" + spec.strategy() + "' is not ordered, weighted or least-latency");
        }
        var retiresAt = instant(spec.retiresAt(), path + ".retiresAt");
        if (spec.retiresAt() != null) {
            if (spec.successor() == null) {
                problems.add(path + ".successor", "required with retiresAt: who serves the model after that?");
            }
        }
        var unsupportedTools = Deployment.UnsupportedTools
                .parse(Objects.requireNonNullElse(spec.unsupportedTools(), "drop"));
        if (unsupportedTools == null) {
            problems.add(path + ".unsupportedTools", "'" + spec.unsupportedTools() + "' is not drop or refuse");
        }
        int before = problems.count();
        var deployments = new ArrayList<Deployment>();
        for (int i = 0; i < spec.deployments().size(); i++) {
            deployment(spec.deployments().get(i), path + ".deployments[" + i + "]", unsupportedTools)
                    .ifPresent(deployments::add);
        }
        if (problems.count() > before || strategy == null || unsupportedTools == null) {
            return Optional.empty();
        }
        return Optional.of(new ModelRoute(name, strategy, deployments,
                Objects.requireNonNullElse(spec.fallbacks(), List.of()), retiresAt, spec.successor()));
    }

    private Optional<Deployment> deployment(DeploymentSpec spec, String path,
            Deployment.UnsupportedTools unsupportedTools) {
        if (spec == null || spec.provider() == null || spec.model() == null) {
            problems.add(path, "provider and model are required");
            return Optional.empty();
        }
        if (!providers.contains(spec.provider())) {
            problems.add(path + ".provider", "unknown provider '" + spec.provider() + "'");
            return Optional.empty();
        }
        int weight = Objects.requireNonNullElse(spec.weight(), 1);
        if (weight < 1) {
            problems.add(path + ".weight", "must be at least 1");
        }
        ProviderSpec provider = file.providers().get(spec.provider());
        var keyVariable = spec.apiKeyEnv() != null ? spec.apiKeyEnv() : provider.apiKeyEnv();
        var apiKey = "";
        if (keyVariable != null) {
            apiKey = environment.apply(keyVariable);
            if (apiKey == null || apiKey.isBlank()) {
                problems.add((spec.apiKeyEnv() != null ? path : "providers." + spec.provider()) + ".apiKeyEnv",
                        "environment variable " + keyVariable + " is not set");
            }
        }
        var timeouts = problems.timeouts(spec.timeouts(),
                problems.timeouts(provider.timeouts(), defaults, "providers." + spec.provider() + ".timeouts"),
                path + ".timeouts");
        var key = Objects.requireNonNullElse(apiKey, "");
        var retiresAt = instant(spec.retiresAt(), path + ".retiresAt");
        return price(spec.model(), path).map(price -> new Deployment(spec.provider(), spec.model(), price, weight,
                key, timeouts, retiresAt, unsupportedTools));
    }

    private Instant instant(String text, String path) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(path, "'" + text + "' is not a UTC time such as 2026-12-01T00:00:00Z");
            return null;
        }
    }

    private Optional<Price> price(String model, String path) {
        var price = prices.get(model);
        if (price == null) {
            problems.add(path + ".model", "no price for '" + model + "' under prices.models");
            return Optional.empty();
        }
        if (price.input() == null || price.output() == null) {
            problems.add("prices.models." + model, "input and output prices are required");
            return Optional.empty();
        }
        long cached = Objects.requireNonNullElse(price.cachedInput(), price.input());
        long cacheWrite = Objects.requireNonNullElse(price.cacheWrite(), price.input());
        if (price.input() < 0 || price.output() < 0 || cached < 0 || cacheWrite < 0) {
            problems.add("prices.models." + model, "prices cannot be negative");
            return Optional.empty();
        }
        return Optional.of(new Price(price.input(), cached, cacheWrite, price.output()));
    }
}
