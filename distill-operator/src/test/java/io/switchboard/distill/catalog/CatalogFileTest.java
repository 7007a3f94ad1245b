package io.switchboard.distill.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.switchboard.distill.TestConfig;

class CatalogFileTest {

    @TempDir
    Path dir;

    @Test
    void withoutAFileTheBundledCatalogHasLoraAndSmallStudents() {
        // when
        Catalog catalog = new CatalogFile(TestConfig.withCatalog(dir.resolve("absent.yaml").toString())).read();

        // then
        StudentEntry qwen = catalog.find("qwen2.5-0.5b").orElseThrow();
        assertThat(qwen.studentClass()).isEqualTo(StudentClass.LORA);
        assertThat(qwen.trainerFields()).isEqualTo("kind=pretrained,base=Qwen/Qwen2.5-0.5B-Instruct");
        assertThat(qwen.hardware().gpus()).isEqualTo(1);
        assertThat(catalog.find("tiny-llama").orElseThrow().trainerFields())
                .isEqualTo("kind=config,architecture=llama,size=tiny");
        assertThat(catalog.students()).extracting(StudentEntry::studentClass).contains(StudentClass.SMALL);
    }

    @Test
    void theMountedFileWinsAndIsReadAgainAfterAnEdit() throws IOException {
        // given
        Path file = dir.resolve("catalog.yaml");
        write(file, entry("mini", "0.01"));
        CatalogFile catalogFile = new CatalogFile(TestConfig.withCatalog(file.toString()));
        assertThat(catalogFile.read().find("mini").orElseThrow().servingCostPerHourUsd())
                .isEqualByComparingTo("0.01");

        // when
        write(file, entry("mini", "0.03"));

        // then
        assertThat(catalogFile.read().find("mini").orElseThrow().servingCostPerHourUsd())
                .isEqualByComparingTo(new BigDecimal("0.03"));
        assertThat(catalogFile.read().find("qwen2.5-0.5b")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {name: mini, class: small, hardware: {cpu: '1', memory: 1Gi}, weights: config, servingCostPerHour: '$0.5'} | catalog entry mini: servingCostPerHour must be a decimal string
            {name: mini, class: small, hardware: {cpu: '1', memory: 1Gi}, weights: org/model, servingCostPerHour: '1'} | catalog entry mini: a small entry is built from a configuration
            {name: big, class: lora, hardware: {cpu: '1', memory: 1Gi}, weights: org/model, servingCostPerHour: '1'} | catalog entry big: a lora entry needs hardware.gpus
            {name: big, class: lora, weights: org/model, servingCostPerHour: '1'}                              | catalog entry big: hardware is required
            {name: big, class: medium, weights: org/model, servingCostPerHour: '1'}                            | class
            {name: Big, class: lora, weights: org/model, servingCostPerHour: '1'}                              | catalog entry Big: name must be
            {name: mini, class: small, hardware: {cpu: '1'}, weights: config, servingCostPerHour: '1'}          | hardware.memory is required
            """)
    void anInvalidEntryIsRefusedNamingItAndTheField(String entry, String expected) throws IOException {
        // given
        Path file = dir.resolve("catalog.yaml");
        write(file, "students:\n  - " + entry + "\n");

        // then
        assertThatThrownBy(() -> new CatalogFile(TestConfig.withCatalog(file.toString())).read())
                .isInstanceOf(CatalogException.class).hasMessageContaining(file.toString())
                .hasMessageContaining(expected);
    }

    private static String entry(String name, String cost) {
        return "students:\n  - {name: " + name + ", class: small, hardware: {cpu: '1', memory: 1Gi}, weights: config,"
                + " servingCostPerHour: '" + cost + "'}\n";
    }

    private static void write(Path file, String yaml) throws IOException {
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
    }
}
