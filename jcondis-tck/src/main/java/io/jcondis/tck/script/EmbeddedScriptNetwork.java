package io.jcondis.tck.script;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.StatusIndication;
import io.jcondis.api.VcHandle;
import io.jcondis.core.Jcondis;
import io.jcondis.core.ThreadingMode;
import io.jcondis.embedded.EmbeddedSwitch;

/**
 * The embedded switch as a script network: installed on the first {@code host} as the MCM named
 * {@code switch}. On an INVOKER runtime (driver {@value ScriptNetworks#EMBEDDED}) every callback comes from the
 * script's own requests or from {@code run}; on a DEDICATED one ({@value ScriptNetworks#EMBEDDED_REALTIME}) the
 * switch's deferred work runs on the conductor thread as soon as it is posted, so its callbacks arrive from
 * that thread, asynchronously. The switch has no work of its own outside the runtime's tasks, so
 * {@link #settle} has nothing to wait for. Used by the script thread only. Not final: the engine's tests
 * extend it into networks that delay or lose what they deliver.
 */
class EmbeddedScriptNetwork implements ScriptNetwork {
    private final boolean realTime;
    private Jcondis runtime;
    private EmbeddedSwitch sw;

    EmbeddedScriptNetwork(boolean realTime) {
        this.realTime = realTime;
    }

    @Override
    public ThreadingMode threadingMode() {
        return realTime ? ThreadingMode.DEDICATED : ThreadingMode.INVOKER;
    }

    @Override
    public boolean realTime() {
        return realTime;
    }

    @Override
    public void start(Jcondis rt) {
        this.runtime = rt;
    }

    @Override
    public Result<AdapterHandle> addHost(String name, long capacityBps, String... aliases) {
        if (sw == null) {
            sw = EmbeddedSwitch.install(runtime, "switch");
        }
        return sw.addHost(name, capacityBps, aliases);
    }

    @Override
    public Status haltHost(String host) {
        return sw.haltHost(host);
    }

    @Override
    public Status remoteClose(VcHandle vc, Status cause) {
        return sw.remoteClose(vc, cause);
    }

    @Override
    public Status remoteDropParty(PartyHandle party) {
        return sw.remoteDropParty(party);
    }

    @Override
    public Status remoteQosChange(VcHandle vc, FlowSpec transmit, FlowSpec receive) {
        return sw.remoteQosChange(vc, transmit, receive);
    }

    @Override
    public Status indicateStatus(String host, VcHandle vc, StatusIndication indication) {
        return sw.indicateStatus(host, vc, indication);
    }

    // The switch's tables are written on the conductor; read them under the control-plane lock.
    @Override
    public long uplinkFreeBps(String host) {
        return runtime.onConductor(() -> sw.uplinkFreeBps(host));
    }

    @Override
    public long downlinkFreeBps(String host) {
        return runtime.onConductor(() -> sw.downlinkFreeBps(host));
    }

    @Override
    public boolean settle(long timeoutNs) throws InterruptedException {
        return true;
    }

    @Override
    public void close() {
        sw = null;
    }

    /**
     * The built-in providers: {@code embedded} and {@code embedded-realtime}.
     *
     * @param realTime whether the switch runs on a DEDICATED runtime
     */
    record Provider(boolean realTime) implements ScriptNetworkProvider {
        @Override
        public String name() {
            return realTime ? ScriptNetworks.EMBEDDED_REALTIME : ScriptNetworks.EMBEDDED;
        }

        @Override
        public String description() {
            return realTime ? "the embedded switch on a DEDICATED runtime (callbacks from the conductor thread)"
                    : "the embedded switch on an INVOKER runtime with a manual clock (deterministic)";
        }

        @Override
        public ScriptNetwork create() {
            return new EmbeddedScriptNetwork(realTime);
        }
    }
}
