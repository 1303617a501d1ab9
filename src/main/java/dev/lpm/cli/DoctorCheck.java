package dev.lpm.cli;

/**
 * One finding of {@code lpm doctor}, in the shape {@code lpm doctor --json} prints (stable: fields may be added).
 *
 * @param status {@code ok}, {@code warn} (works, with a gap the fix closes) or {@code fail} (something a user will
 *               hit); only {@code fail} makes the exit code 1
 * @param fix    what to do, empty when nothing is needed
 */
record DoctorCheck(String name, String status, String message, String fix) {

    static DoctorCheck ok(String name, String message) {
        return new DoctorCheck(name, "ok", message, "");
    }

    static DoctorCheck warn(String name, String message, String fix) {
        return new DoctorCheck(name, "warn", message, fix);
    }

    static DoctorCheck fail(String name, String message, String fix) {
        return new DoctorCheck(name, "fail", message, fix);
    }

    boolean failed() {
        return status.equals("fail");
    }
}
