package dev.lpm.audit.images;

import java.util.List;

/**
 * A running container's image as the engine sees it now: what the container was started from, what it really
 * runs, and what that name points to today.
 *
 * @param containers     the running containers that run this image (names)
 * @param ref            {@code Config.Image}: the name the container was started with (a tag, a digest or an id)
 * @param runningId      the image id the container runs ({@code Image} of its inspect)
 * @param runningDigests {@code RepoDigests} of that image: empty when it was built or imported on this machine
 * @param tagId          the image id {@code ref} names in the local store now, "" when it names none
 * @param tagDigests     {@code RepoDigests} of the image {@code ref} names now
 */
public record ImageSubject(List<String> containers, String ref, String runningId, List<String> runningDigests,
                           String tagId, List<String> tagDigests) {

    public ImageSubject {
        containers = List.copyOf(containers);
        runningDigests = List.copyOf(runningDigests);
        tagDigests = List.copyOf(tagDigests);
    }

    /** The subject of this image's findings in the report: {@code image REF}. */
    public String subject() {
        return "image " + ref;
    }

    /** Started by digest or id: the name cannot move, so there is no drift to look for. */
    public boolean pinned() {
        return ref.contains("@sha256:") || ref.startsWith("sha256:") || runningId.startsWith("sha256:" + ref);
    }

    /** What to hand a tool that reads the local image: the tag while it still names this image, else the id. */
    public String localName() {
        return runningId.equals(tagId) ? ref : runningId;
    }

    /** {@code sha256:} and the first 12 hex digits, as docker prints ids. */
    public static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return "sha256:" + hex.substring(0, Math.min(12, hex.length()));
    }
}
