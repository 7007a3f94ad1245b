package io.switchboard.distill.worker;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The examples held out for evaluation and those to train on. Each example's place follows from a hash of the seed
 * and its normalized prompt, so the same data and seed give the same split (and the same order) in any run, whatever
 * the input's order; the held-out share is the fraction of the examples, rounded, at least one each way.
 */
record Split(List<Example> train, List<Example> eval) {

    private record Placed(String hash, Example example) {
    }

    static Split of(List<Example> examples, long seed, BigDecimal evalFraction) {
        int n = examples.size();
        if (n < 2) {
            throw new BadInput("the split needs at least 2 distinct answered examples, and there are " + n);
        }
        List<Example> shuffled = examples.stream().map(example -> new Placed(hash(seed, example), example))
                .sorted(Comparator.comparing(Placed::hash)).map(Placed::example).toList();
        int held = evalFraction.multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.HALF_UP).intValue();
        held = Math.max(1, Math.min(n - 1, held));
        return new Split(shuffled.subList(held, n), shuffled.subList(0, held));
    }

    private static String hash(long seed, Example example) {
        try {
            byte[] text = (seed + "\n" + example.normalizedPrompt()).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
