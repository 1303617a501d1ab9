package dev.lpm.audit.images;

import dev.lpm.audit.AuditReport;
import dev.lpm.audit.scan.ScanSummary;
import dev.lpm.audit.scan.Scanner;
import dev.lpm.audit.scan.Scanners;
import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code lpm audit --images}: each running container's image against the guide's supply-chain part: its
 * signature, tag drift, an SBOM (stored per image id) and the known vulnerabilities of that SBOM. One group per
 * image, subject {@code image REF}.
 */
public final class ImageAudit {

    public static final String NO_SBOM = "image-no-sbom";
    public static final String NOT_SCANNED = "image-not-scanned";
    public static final String VULNERABLE = "image-vulnerable";
    private static final String SBOM_REFERENCE = "guide: SBOMs for all containers; vulnerability scanning";

    private final SignatureCheck signatures;
    private final SbomStore sboms;
    private final Scanners scanners;

    public ImageAudit(SignatureCheck signatures, SbomStore sboms, Scanners scanners) {
        this.signatures = signatures;
        this.sboms = sboms;
        this.scanners = scanners;
    }

    public AuditReport audit(List<ImageSubject> images) {
        return AuditReport.of(images.stream().map(this::audit).toList());
    }

    public AuditReport.ContainerFindings audit(ImageSubject image) {
        List<Finding> findings = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        facts.add("run by " + String.join(", ", image.containers()) + ": " + ImageSubject.shortId(image.runningId())
                + (image.runningDigests().isEmpty() ? ", no registry digest"
                : ", " + String.join(", ", image.runningDigests())));
        TagDriftCheck.check(image).ifPresent(findings::add);
        add(signatures.check(image), findings, facts);
        sbom(image, findings, facts).ifPresent(sbom -> add(vulnerabilities(image, sbom), findings, facts));
        return new AuditReport.ContainerFindings(image.subject(), findings, facts);
    }

    private static void add(ImageCheckResult result, List<Finding> findings, List<String> facts) {
        result.finding().ifPresent(findings::add);
        facts.addAll(result.facts());
    }

    private Optional<SbomStore.Sbom> sbom(ImageSubject image, List<Finding> findings, List<String> facts) {
        Optional<SbomGenerator> generator = sboms.generator();
        if (generator.isEmpty() && !java.nio.file.Files.isRegularFile(sboms.fileFor(image.runningId()))) {
            findings.add(new Finding(NO_SBOM, SBOM_REFERENCE, Severity.INFO, image.subject(),
                    "no SBOM generator (syft, trivy, cdxgen) is installed, and no SBOM of this image is stored",
                    "Without a bill of materials nobody can tell, when the next vulnerability is published, whether"
                            + " this image contains the affected package.",
                    SbomStore.noGeneratorMessage() + "; lpm audit --images then writes one per image"));
            return Optional.empty();
        }
        try {
            SbomStore.Sbom sbom = sboms.ensure(image, generator.orElse(SbomGenerator.SYFT));
            facts.add("SBOM: " + sbom.file() + " (CycloneDX, " + sbom.components() + " component"
                    + (sbom.components() == 1 ? "" : "s") + ", by "
                    + sbom.madeBy() + (sbom.reused() ? "; stored earlier for this image id)" : "; new)"));
            return Optional.of(sbom);
        } catch (IOException | IllegalStateException e) {
            findings.add(new Finding(NO_SBOM, SBOM_REFERENCE, Severity.LOW, image.subject(),
                    "the SBOM could not be made: " + e.getMessage(),
                    "Without a bill of materials nobody can tell, when the next vulnerability is published, whether"
                            + " this image contains the affected package.",
                    "run the generator by hand to see why (" + String.join(" ",
                            generator.orElse(SbomGenerator.SYFT).command(image.localName(),
                                    java.nio.file.Path.of("sbom.cdx.json"))) + ")"));
            return Optional.empty();
        }
    }

    private ImageCheckResult vulnerabilities(ImageSubject image, SbomStore.Sbom sbom) {
        Optional<Scanner> scanner = scanners.installedForSbom();
        if (scanner.isEmpty()) {
            return ImageCheckResult.finding(new Finding(NOT_SCANNED, SBOM_REFERENCE, Severity.INFO, image.subject(),
                    "no scanner that reads an SBOM (grype, trivy) is installed: the SBOM's packages were not"
                            + " checked for known vulnerabilities",
                    "Known vulnerabilities in an image's packages are the easiest way in; the SBOM alone does not"
                            + " say which apply.",
                    "install grype or trivy (" + Scanner.GRYPE.whereToGet() + "; " + Scanner.TRIVY.whereToGet()
                            + "), or scan by hand: grype sbom:" + sbom.file()));
        }
        ScanSummary summary;
        try {
            summary = scanners.scanSbom(scanner.get(), sbom.file(), "the SBOM of " + image.ref());
        } catch (IllegalStateException e) {
            return ImageCheckResult.finding(new Finding(NOT_SCANNED, SBOM_REFERENCE, Severity.LOW, image.subject(),
                    e.getMessage(), "Known vulnerabilities in an image's packages are the easiest way in.",
                    "run " + String.join(" ", scanner.get().sbomCommand(sbom.file())) + " by hand to see why"));
        }
        String fact = "vulnerabilities: " + summary.line();
        int critical = summary.counts().getOrDefault("CRITICAL", 0);
        int high = summary.counts().getOrDefault("HIGH", 0);
        if (critical + high == 0) {
            return ImageCheckResult.fact(fact);
        }
        return ImageCheckResult.both(new Finding(VULNERABLE, SBOM_REFERENCE, critical > 0 ? Severity.HIGH
                        : Severity.MEDIUM, image.subject(), summary.line(),
                "Known critical or high vulnerabilities in the image's packages have public exploits or soon will.",
                "rebuild on a patched base image (or update the affected packages), then recreate the container;"
                        + " " + String.join(" ", scanner.get().sbomCommand(sbom.file())) + " lists them"), fact);
    }
}
