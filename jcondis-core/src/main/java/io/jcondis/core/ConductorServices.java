package io.jcondis.core;

import io.jcondis.api.DriverServices;

/** Deferred work and the clock of the conductor, under a driver's or layer's name. */
class ConductorServices implements DriverServices {
    final Conductor c;
    private final String name;

    ConductorServices(Conductor c, String name) {
        this.c = c;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void post(Runnable task) {
        c.post(task);
    }

    @Override
    public void schedule(long delayNs, Runnable task) {
        c.schedule(delayNs, task);
    }

    @Override
    public long nanoTime() {
        return c.nanoTime();
    }
}
