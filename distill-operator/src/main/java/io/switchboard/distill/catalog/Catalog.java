package io.switchboard.distill.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The base models students can start from, by name. */
public record Catalog(List<StudentEntry> students) {

    public Catalog {
        if (students == null || students.isEmpty()) {
            throw new CatalogException("the catalog lists no students");
        }
        Set<String> names = new HashSet<>();
        for (StudentEntry entry : students) {
            if (!names.add(entry.name())) {
                throw new CatalogException("catalog entry " + entry.name() + " is listed twice");
            }
        }
        students = List.copyOf(students);
    }

    public Optional<StudentEntry> find(String name) {
        return students.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }
}
