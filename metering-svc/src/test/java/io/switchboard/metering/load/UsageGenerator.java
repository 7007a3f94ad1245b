package io.switchboard.metering.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;

import io.switchboard.events.Attempt;
import io.switchboard.events.ClientInfo;
import io.switchboard.events.Tokens;
import io.switchboard.events.UsageEvent;
import io.switchboard.events.UsageEvent.Outcome;

/**
 * A company's usage as the router publishes it, the same for the same seed: hundreds of users in teams, each with a
 * favourite coding tool and model, sessions, workload tags, failovers, errors, tokens of every kind and their cost,
 * spread evenly over a time span. One record in twenty is a redelivery of an earlier event (same id, same content):
 * half a producer retry right after the original, half part of a router spool replay that re-sends a run of events
 * from anywhere earlier in the span.
 *
 * <p>
 * Every distinct event is a pure function of the seed and its sequence number, so a redelivery regenerates it rather
 * than keeping it: a million records take no memory.
 */
final class UsageGenerator implements Iterator<UsageEvent> {

    private static final double REDELIVERED = 0.05;
    private static final int USERS = 640;
    private static final int TEAMS = 24;
    private static final List<ClientInfo> CLIENTS = List.of(new ClientInfo("claude-code", "2.0.14"),
            new ClientInfo("codex", "0.46.0"), new ClientInfo("cursor", "1.7.2"), new ClientInfo("copilot", "1.372.0"),
            new ClientInfo("openai-sdk", "2.3.0"), new ClientInfo("anthropic-sdk", "0.69.0"), ClientInfo.OTHER);
    private static final List<String> WORKLOADS = List.of("code-review", "ci-triage", "docs-search",
            "agent-refactor", "eval-nightly");
    /** Prices in micro-USD per million tokens: input, cached input, cache write, output. */
    private static final List<Model> MODELS = List.of(
            new Model("claude-sonnet-4-5", "anthropic", UsageEvent.Api.ANTHROPIC_MESSAGES, 3_000_000, 300_000,
                    3_750_000, 15_000_000, false),
            new Model("claude-haiku-4-5", "anthropic", UsageEvent.Api.ANTHROPIC_MESSAGES, 1_000_000, 100_000,
                    1_250_000, 5_000_000, false),
            new Model("gpt-4o", "openai", UsageEvent.Api.OPENAI_CHAT, 2_500_000, 1_250_000, 0, 10_000_000, false),
            new Model("gpt-4o-mini", "openai", UsageEvent.Api.OPENAI_CHAT, 150_000, 75_000, 0, 600_000, false),
            new Model("o3", "openai", UsageEvent.Api.OPENAI_RESPONSES, 2_000_000, 500_000, 0, 8_000_000, true),
            new Model("gemini-2.5-pro", "gemini", UsageEvent.Api.OPENAI_CHAT, 1_250_000, 310_000, 0, 10_000_000,
                    true),
            new Model("text-embedding-3-small", "openai", UsageEvent.Api.EMBEDDINGS, 20_000, 0, 0, 0, false),
            new Model("student-coder-7b", "vllm", UsageEvent.Api.OPENAI_CHAT, 50_000, 0, 0, 200_000, false));
    /** The deployment OpenAI's chat models fail over to. */
    private static final Model AZURE_GPT_4O = new Model("gpt-4o", "azure-openai", UsageEvent.Api.OPENAI_CHAT,
            2_500_000, 1_250_000, 0, 10_000_000, false);

    private final long seed;
    private final int records;
    private final Instant start;
    private final long spacingMillis;
    private final List<User> users = new ArrayList<>();
    private final double[] cumulativeActivity = new double[USERS];
    private final SplittableRandom order;
    private int emitted;
    private long nextNew;
    private long replayNext;
    private int replayLeft;

    /** {@code records} records (redeliveries included) whose event times spread over {@code span} from {@code start}. */
    UsageGenerator(long seed, int records, Instant start, Duration span) {
        this.seed = seed;
        this.records = records;
        this.start = start;
        this.spacingMillis = Math.max(1, span.toMillis() / Math.max(1, Math.round(records * (1 - REDELIVERED))));
        this.order = new SplittableRandom(seed);
        var population = new SplittableRandom(~seed);
        double total = 0;
        for (int i = 0; i < USERS; i++) {
            // a few heavy users and a long tail, as in any company
            total += 1.0 / (1 + i % 97);
            cumulativeActivity[i] = total;
            users.add(new User("u%04d".formatted(i), "team-%02d".formatted(population.nextInt(TEAMS)),
                    CLIENTS.get(population.nextInt(CLIENTS.size())), MODELS.get(population.nextInt(MODELS.size() - 1)),
                    population.nextInt(3) == 0 ? WORKLOADS.get(population.nextInt(WORKLOADS.size())) : ""));
        }
        for (int i = 0; i < USERS; i++) {
            cumulativeActivity[i] /= total;
        }
    }

    @Override
    public boolean hasNext() {
        return emitted < records;
    }

    @Override
    public UsageEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        emitted++;
        if (nextNew > 0 && order.nextDouble() < REDELIVERED) {
            if (order.nextBoolean()) {
                // a producer retry: one of the last few events again
                return event(nextNew - 1 - order.nextInt((int) Math.min(nextNew, 3)));
            }
            // a spool replay: a run of up to 200 consecutive events from anywhere earlier, interleaved with new ones
            if (replayLeft == 0) {
                replayNext = order.nextLong(nextNew);
                replayLeft = 1 + order.nextInt(200);
            }
            replayLeft--;
            return event(Math.min(replayNext++, nextNew - 1));
        }
        return event(nextNew++);
    }

    /** The distinct event number {@code n}. */
    private UsageEvent event(long n) {
        // seeded with a hash of (seed, n): neighbouring events get unrelated streams
        var random = new SplittableRandom(new SplittableRandom(seed + n).nextLong());
        var time = start.plusMillis(n * spacingMillis + random.nextLong(spacingMillis));
        var user = users.get(pickUser(random.nextDouble()));
        var client = random.nextInt(5) == 0 ? CLIENTS.get(random.nextInt(CLIENTS.size())) : user.client();
        var model = random.nextInt(3) == 0 ? MODELS.get(random.nextInt(MODELS.size())) : user.model();
        var workload = random.nextInt(4) == 0 ? "" : user.workload();
        var session = client.name().endsWith("sdk") ? "" : user.id() + "-" + time.getEpochSecond() / 5400;
        var streaming = model.api() != UsageEvent.Api.EMBEDDINGS && !client.name().endsWith("sdk");
        long ttft = 150 + random.nextLong(1500);
        var outcome = outcome(random.nextInt(1000));
        var served = model;
        var attempts = new ArrayList<Attempt>();
        if (outcome == Outcome.UPSTREAM_ERROR) {
            attempts.add(new Attempt(model.provider(), model.name(), Attempt.Outcome.SERVER_ERROR, 503, ttft));
            attempts.add(new Attempt(fallback(model).provider(), fallback(model).name(), Attempt.Outcome.TIMEOUT, 0,
                    30_000));
            served = null;
        } else if (random.nextInt(33) == 0) {
            attempts.add(new Attempt(model.provider(), model.name(), Attempt.Outcome.RATE_LIMITED, 429, 40));
            served = fallback(model);
        }
        var tokens = served == null || outcome == Outcome.CLIENT_ERROR
                ? Tokens.NONE
                : tokens(random, served, client,
                        outcome);
        long latency = served == null ? 30_000 + ttft : ttft + tokens.output() * (5 + random.nextLong(20));
        if (served != null) {
            attempts.add(new Attempt(served.provider(), served.name(), attemptOutcome(outcome),
                    outcome == Outcome.CLIENT_ERROR ? 400 : 200, latency));
        }
        return new UsageEvent(uuid(random), time, UsageEvent.SCHEMA_VERSION, "req-" + Long.toHexString(
                random.nextLong()), user.id(), user.team(), "key-" + user.id(), session, client, workload, model.api(),
                model.name(), served == null ? "" : served.name(), served == null ? "" : served.provider(),
                attempts, streaming, outcome, status(outcome), tokens, served == null ? 0 : cost(served, tokens),
                "2026-03", latency, streaming ? ttft : latency, outcome == Outcome.INTERRUPTED,
                Long.toHexString(random.nextLong()), 0);
    }

    private int pickUser(double point) {
        int found = Arrays.binarySearch(cumulativeActivity, point);
        return Math.min(USERS - 1, found >= 0 ? found : -found - 1);
    }

    private static Outcome outcome(int permille) {
        if (permille < 20) {
            return Outcome.CLIENT_ERROR;
        }
        if (permille < 35) {
            return Outcome.UPSTREAM_ERROR;
        }
        if (permille < 45) {
            return Outcome.INTERRUPTED;
        }
        return permille < 60 ? Outcome.CANCELLED : Outcome.OK;
    }

    private static Attempt.Outcome attemptOutcome(Outcome outcome) {
        return switch (outcome) {
            case CLIENT_ERROR -> Attempt.Outcome.CLIENT_ERROR;
            case INTERRUPTED -> Attempt.Outcome.STREAM_ERROR;
            case CANCELLED -> Attempt.Outcome.CANCELLED;
            default -> Attempt.Outcome.OK;
        };
    }

    private static int status(Outcome outcome) {
        return switch (outcome) {
            case CLIENT_ERROR -> 400;
            case UPSTREAM_ERROR -> 503;
            case CANCELLED -> 499;
            default -> 200;
        };
    }

    private static Model fallback(Model model) {
        if (model.provider().equals("openai") && model.api().equals(UsageEvent.Api.OPENAI_CHAT)) {
            return AZURE_GPT_4O;
        }
        return model.provider().equals("anthropic") ? MODELS.get(1) : MODELS.get(3);
    }

    /** Agents resend long, mostly cached contexts; answers are short; reasoning models think first. */
    private static Tokens tokens(SplittableRandom random, Model model, ClientInfo client, Outcome outcome) {
        long input = Math.min(200_000, Math.max(20, Math.round(Math.exp(7 + 1.4 * gaussian(random)))));
        boolean agent = !client.name().endsWith("sdk") && !client.name().equals("other");
        long cached = model.cachedInput() > 0 && agent && random.nextInt(10) < 7
                ? input * (50 + random.nextInt(45)) / 100
                : 0;
        long cacheWrite = model.cacheWrite() > 0 ? (input - cached) * random.nextInt(60) / 100 : 0;
        if (model.api().equals(UsageEvent.Api.EMBEDDINGS)) {
            return new Tokens(input, 0, 0, 0, 0);
        }
        long output = Math.min(32_000, Math.max(1, Math.round(Math.exp(5.3 + gaussian(random)))));
        if (outcome != Outcome.OK) {
            output = output * random.nextInt(100) / 100;
        }
        long reasoning = model.reasoning() ? output * (20 + random.nextInt(60)) / 100 : 0;
        return new Tokens(input, cached, cacheWrite, output, reasoning);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Rounded to the nearest micro-USD, as the router's price table does. */
    private static long cost(Model model, Tokens tokens) {
        long microMicros = tokens.uncachedInput() * model.input() + tokens.cachedInput() * model.cachedInput()
                + tokens.cacheWrite() * model.cacheWrite() + tokens.output() * model.output();
        return (microMicros + 500_000) / 1_000_000;
    }

    private static UUID uuid(SplittableRandom random) {
        // version 4, IETF variant, like UUID.randomUUID()
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
    }

    private record User(String id, String team, ClientInfo client, Model model, String workload) {
    }

    private record Model(String name, String provider, String api, long input, long cachedInput, long cacheWrite,
            long output, boolean reasoning) {
    }
}
