package io.switchboard.router.translate;

/** A request uses a feature the target API cannot express; the client gets a 400 naming it. */
public final class UntranslatableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String feature;

    /**
     * @param feature the feature, as the client's API names it (e.g. {@code "response_format=json_object"})
     * @param target the API that lacks it, in words (e.g. {@code "the Anthropic Messages API"})
     */
    public UntranslatableException(String feature, String target) {
        super("'" + feature + "' cannot be translated for " + target + ", which serves this model here", null, false,
                false);
        this.feature = feature;
    }

    public String feature() {
        return feature;
    }
}
