package io.switchboard.distill.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * What the API server would say of a DistillationJob under the committed CRD: its OpenAPI schema (a JSON-schema
 * validator) and its CEL rules (the CEL library), since the mock API server of the reconcile tests checks neither.
 */
final class CrdRules {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final CelCompiler CEL = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addVar("self", SimpleType.DYN).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final JsonNode openApiSchema;
    private final JsonSchema schema;

    CrdRules(Path crd) throws IOException {
        openApiSchema = YAML.readTree(crd.toFile()).at("/spec/versions/0/schema/openAPIV3Schema");
        // The CEL rules are Kubernetes' own keyword, checked below; the JSON-schema validator only skips them.
        JsonMetaSchema kubernetes = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                .keyword(new NonValidationKeyword("x-kubernetes-validations")).build();
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, factory -> factory.metaSchema(kubernetes))
                .getSchema(openApiSchema);
    }

    /** The messages the API server would refuse the resource with; empty when it is accepted. */
    List<String> violations(JsonNode resource) throws Exception {
        List<String> messages = new ArrayList<>();
        for (ValidationMessage message : schema.validate(resource)) {
            messages.add(message.getMessage());
        }
        // CEL rules run only where the schema already holds, as in the API server.
        if (messages.isEmpty()) {
            celViolations(openApiSchema, resource, messages);
        }
        return messages;
    }

    private static void celViolations(JsonNode schema, JsonNode value, List<String> messages) throws Exception {
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            var program = RUNTIME.createProgram(CEL.compile(rule.get("rule").asText()).getAst());
            if (!Boolean.TRUE.equals(program.eval(Map.of("self", toCel(value))))) {
                messages.add(rule.get("message").asText());
            }
        }
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            var property = properties.next();
            if (value.has(property.getKey())) {
                celViolations(property.getValue(), value.get(property.getKey()), messages);
            }
        }
        if (schema.has("items")) {
            for (JsonNode item : value) {
                celViolations(schema.get("items"), item, messages);
            }
        }
    }

    /** CEL's own value types: integers are longs, objects maps. */
    private static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> map.put(field.getKey(), toCel(field.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toCel(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
