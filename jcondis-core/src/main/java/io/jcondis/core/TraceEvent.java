package io.jcondis.core;

/**
 * One boundary crossing.
 *
 * @param seq       order of the event in this runtime
 * @param timeNs    runtime clock
 * @param direction {@code REQUEST} (driver to runtime), {@code CALLBACK} (runtime to driver)
 * @param driver    the driver's name
 * @param operation the method name, e.g. {@code makeCall} or {@code onMakeCallComplete}
 * @param detail    the arguments, formatted
 * @param result    the status returned, or {@code null} for void operations
 */
public record TraceEvent(long seq, long timeNs, String direction, String driver, String operation, String detail,
                         String result) {
    @Override
    public String toString() {
        String arrow = "REQUEST".equals(direction) ? driver + " -> ndis" : "ndis -> " + driver;
        return String.format("%-26s %s(%s)%s", arrow, operation, detail, result == null ? "" : " = " + result);
    }
}
