package io.switchboard.router.provider.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.router.translate.InvalidRequestException;

/** Typed reads of request fields; a value of the wrong type is the client's error, reported with its path. */
final class ChatFields {

    private ChatFields() {
    }

    static String string(JsonNode value, String param) {
        if (!value.isTextual()) {
            throw invalid(param, "a string", value);
        }
        return value.textValue();
    }

    /** A string where JSON null or absence means none. */
    static String optionalString(JsonNode value, String param) {
        return value.isMissingNode() || value.isNull() ? null : string(value, param);
    }

    static boolean bool(JsonNode value, String param) {
        if (!value.isBoolean()) {
            throw invalid(param, "a boolean", value);
        }
        return value.booleanValue();
    }

    static double number(JsonNode value, String param) {
        if (!value.isNumber()) {
            throw invalid(param, "a number", value);
        }
        return value.doubleValue();
    }

    static int positiveInt(JsonNode value, String param) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw invalid(param, "a positive integer", value);
        }
        return value.intValue();
    }

    static JsonNode object(JsonNode value, String param) {
        if (!value.isObject()) {
            throw invalid(param, "an object", value);
        }
        return value;
    }

    static JsonNode array(JsonNode value, String param) {
        if (!value.isArray()) {
            throw invalid(param, "an array", value);
        }
        return value;
    }

    static InvalidRequestException missing(String param) {
        return InvalidRequestException.badRequest(param, "Missing required parameter: '" + param + "'.");
    }

    private static InvalidRequestException invalid(String param, String expected, JsonNode value) {
        if (value.isMissingNode()) {
            return missing(param);
        }
        // The JSON type, never the value: it may be a piece of the prompt.
        return InvalidRequestException.badRequest(param,
                "Invalid type for '" + param + "': expected " + expected + ", but got " + type(value) + ".");
    }

    private static String type(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "an unsupported value";
        };
    }
}
