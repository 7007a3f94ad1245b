package io.switchboard.distill.api;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;

/**
 * Puts the printer columns in the order of the custom resource's annotations, which kubectl shows them in; the
 * generator sorts them by JSON path.
 */
final class PrinterColumnOrder implements CRDPostProcessor {

    private final List<String> names;

    PrinterColumnOrder(Class<?> resource) {
        names = Arrays.stream(resource.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
    }

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        for (var version : ((CustomResourceDefinition) crd).getSpec().getVersions()) {
            version.getAdditionalPrinterColumns()
                    .sort(Comparator.comparingInt((CustomResourceColumnDefinition c) -> names.indexOf(c.getName())));
        }
        return crd;
    }
}
