package dev.lpm.enforce.helper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.enforce.BadRequestException;
import dev.lpm.enforce.WireJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The policy file, {@code {"allowUsers":["alice"],"allowGroups":["docker"]}} (both optional), read again
 * whenever it changes, so an edit counts from the next connection. It grants what root can do, so it is
 * trusted only as a regular file of root's that nobody else can write; a file that is not, or that does not
 * parse, gives root alone (and the log says why): a broken policy never lets anyone in.
 */
final class PolicyFile {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\\$?");

    private final Path path;
    private final HelperLog log;
    private Object seen;
    private CallerPolicy current;

    PolicyFile(Path path, HelperLog log) {
        this.path = path;
        this.log = log;
    }

    Path path() {
        return path;
    }

    /** The policy as the file says now; logged whenever it changes. */
    synchronized CallerPolicy current() {
        Object version = version();
        if (current == null || !Objects.equals(version, seen)) {
            seen = version;
            current = load();
            log.info("callers allowed: " + current);
        }
        return current;
    }

    private Object version() {
        try {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return java.util.List.of(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey() == null
                    ? "" : attributes.fileKey(), attributes.permissions(), attributes.owner().getName());
        } catch (IOException e) {
            return "absent";
        }
    }

    private CallerPolicy load() {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return CallerPolicy.defaults("default, " + path + " does not exist");
        } catch (IOException e) {
            return untrusted("cannot read it: " + e.getMessage());
        }
        if (!attributes.isRegularFile()) {
            return untrusted("it is not a regular file (symbolic links are not followed)");
        }
        Set<PosixFilePermission> mode = attributes.permissions();
        if (!isRootOwned() || mode.contains(PosixFilePermission.GROUP_WRITE)
                || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            return untrusted("it must belong to root and be writable by root alone: chown root:root " + path
                    + " && chmod 644 " + path);
        }
        try {
            return parse(Files.readString(path), path.toString());
        } catch (IOException | BadRequestException e) {
            return untrusted(e.getMessage());
        }
    }

    private boolean isRootOwned() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private CallerPolicy untrusted(String why) {
        log.alarm("ignoring the policy file " + path + " and allowing root alone: " + why);
        return CallerPolicy.rootOnly("root alone, " + path + " is not usable");
    }

    static CallerPolicy parse(String json, String source) throws BadRequestException {
        JsonNode node;
        try {
            node = WireJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException("the policy must be a JSON object such as {\"allowGroups\":[\"docker\"]}");
        }
        WireJson.requireOnly(node, Set.of("allowUsers", "allowGroups"));
        return new CallerPolicy(names(node, "allowUsers"), names(node, "allowGroups"), source);
    }

    private static Set<String> names(JsonNode node, String field) throws BadRequestException {
        Set<String> names = new HashSet<>();
        JsonNode list = node.get(field);
        if (list == null) {
            return names;
        }
        if (!list.isArray()) {
            throw new BadRequestException(field + " must be a list of names");
        }
        for (JsonNode name : list) {
            if (!name.isTextual() || !NAME.matcher(name.asText()).matches()) {
                throw new BadRequestException(field + " holds " + name + ", which is not a user or group name");
            }
            names.add(name.asText());
        }
        return names;
    }
}
