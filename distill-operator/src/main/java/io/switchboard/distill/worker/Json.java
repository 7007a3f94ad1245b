package io.switchboard.distill.worker;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The worker's JSON: omits nulls, tolerates fields it does not know. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    /** Where a JSON text is broken, without quoting any of it (it may hold a prompt or an answer). */
    static String where(JsonProcessingException e) {
        var location = e.getLocation();
        return location == null
                ? "not valid JSON"
                : "not valid JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** One JSON object a line (JSONL), in the order given. */
    static void writeLines(Path file, List<?> records) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Object record : records) {
                out.write(MAPPER.writeValueAsString(record));
                out.write('\n');
            }
        }
    }
}
