package dev.lpm.audit.images;

import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import java.util.Optional;

/**
 * Digest vs tag drift: the container runs an image its tag no longer names here (a newer pull or build took the
 * tag), so what runs is not what the name says, and the update has not reached it.
 */
public final class TagDriftCheck {

    public static final String ID = "image-tag-drift";

    private TagDriftCheck() {}

    public static Optional<Finding> check(ImageSubject image) {
        if (image.pinned() || image.runningId().equals(image.tagId())) {
            return Optional.empty();
        }
        String runs = ImageSubject.shortId(image.runningId())
                + (image.runningDigests().isEmpty() ? "" : " (" + String.join(", ", image.runningDigests()) + ")");
        String seen = image.tagId().isEmpty()
                ? String.join(", ", image.containers()) + " runs " + runs + ", but the tag " + image.ref()
                        + " names no local image any more"
                : String.join(", ", image.containers()) + " runs " + runs + ", but the tag " + image.ref() + " now names "
                        + ImageSubject.shortId(image.tagId())
                        + (image.tagDigests().isEmpty() ? "" : " (" + String.join(", ", image.tagDigests()) + ")")
                        + ": pulled or built after the container started";
        return Optional.of(new Finding(ID, "guide: keep the containers up to date", Severity.MEDIUM, image.subject(),
                seen, "What runs is not what its tag names: an update pulled or built for that tag (a security fix,"
                        + " say) has not reached the container, and the tag no longer tells what code runs.",
                "recreate the container from the tag (docker compose up -d --force-recreate, or docker rm -f and"
                        + " docker run again); pin images by digest (IMAGE@sha256:...) so moving to new code is a"
                        + " decision"));
    }
}
