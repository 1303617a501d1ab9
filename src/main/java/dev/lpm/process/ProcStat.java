package dev.lpm.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields lpm needs from Linux's {@code /proc/PID/stat}: state, parent, process group, session and
 * start time (clock ticks after boot; with the pid it names one process for good, since pids are
 * reused).
 */
public record ProcStat(long pid, char state, long parent, long processGroup, long session, long startTime) {

    /** The process's stat, or empty when it is gone or this is not Linux. */
    public static Optional<ProcStat> read(long pid) {
        try {
            return Optional.of(parse(pid, Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses one stat line; the command name may itself contain spaces and ')'. */
    static ProcStat parse(long pid, String stat) {
        int end = stat.lastIndexOf(')');
        String[] fields = stat.substring(end + 2).trim().split(" ");
        // After the name: state(3) ppid(4) pgrp(5) session(6) ... starttime(22), numbered as in proc(5).
        return new ProcStat(pid, fields[0].charAt(0), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                Long.parseLong(fields[3]), Long.parseLong(fields[19]));
    }
}
