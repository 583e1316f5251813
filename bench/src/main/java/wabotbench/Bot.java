package wabotbench;

/**
 * Which bot a run loads: wabot on SQLite (a fresh file, or the prefilled store of the scale pass), wabot on
 * PostgreSQL with one instance or several behind the load tool's round-robin, or the in-memory reference bot. Its
 * prefix names the run ({@code pg2/closed-50}).
 */
record Bot(String prefix, Kind kind, int instances, String description) {
    enum Kind { SQLITE, POSTGRES, REFERENCE }

    static final Bot SQLITE = new Bot("", Kind.SQLITE, 1, "wabot on SQLite");
    static final Bot SCALE = new Bot("scale/", Kind.SQLITE, 1, "wabot on SQLite, prefilled store");
    static final Bot REFERENCE = new Bot("ref/", Kind.REFERENCE, 1, "the in-memory reference bot");

    static Bot postgres(int instances) {
        return new Bot("pg" + instances + "/", Kind.POSTGRES, instances, "wabot on PostgreSQL, " + instances
                + (instances == 1 ? " instance" : " instances behind a round-robin front"));
    }
}
