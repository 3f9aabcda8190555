package io.jcondis.wan;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Status;
import io.jcondis.api.wan.TapiOids;
import io.jcondis.wan.struct.LineCallParams;
import io.jcondis.wan.struct.NdisTapiStructs;
import io.jcondis.wan.struct.StructCheck;
import io.jcondis.wan.struct.TapiMessage;
import io.jcondis.wan.struct.VarStructWriter;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.TapiCallState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jcondis.wan.WanHarness.fails;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input (issue 3): unknown OIDs, short or inconsistent structures, requests before PROVIDER_INITIALIZE and on
 * closed lines or calls each get the documented status (docs/wan.md) and leave every other line and call as it
 * was.
 */
class WanBadInputTest {
    private final WanHarness h = WanHarness.pstn(2);
    private final LineHandle a = h.listen(0);
    private final LineHandle b = h.listen(1);
    private final CallHandle[] up = h.connect(a, b, "101");

    private Status raw(OidRequest.Type type, int oid, byte[] buf) {
        List<Status> late = new ArrayList<>();
        Status st = h.wan.oidRequest(h.adapter(0), new OidRequest(type, oid, buf), late::add);
        assertThat(late).isEmpty();
        return st;
    }

    private void assertUntouched() {
        assertThat(h.tapi.callState(up[0]).value()).isEqualTo(TapiCallState.CONNECTED);
        assertThat(h.tapi.callState(up[1]).value()).isEqualTo(TapiCallState.CONNECTED);
        assertThat(h.tapi.callStats(up[0]).value().linkUp()).isTrue();
        assertThat(h.wan.snapshot().pendingRequests()).isZero();
        h.assertNoProblems();
    }

    @Test
    void shouldAnswerInvalidOidForUnknownOidsAndWrongDirection() {
        assertThat(raw(OidRequest.Type.QUERY, 0x07030199, new byte[64]).code()).isEqualTo(Status.Code.INVALID_OID);
        assertThat(raw(OidRequest.Type.SET, 0x12345678, new byte[64]).code()).isEqualTo(Status.Code.INVALID_OID);
        assertThat(raw(OidRequest.Type.SET, TapiOids.OID_TAPI_GET_DEV_CAPS, new byte[512]).code())
                .isEqualTo(Status.Code.INVALID_OID);
        assertThat(raw(OidRequest.Type.QUERY, TapiOids.OID_TAPI_DROP, new byte[64]).code())
                .isEqualTo(Status.Code.INVALID_OID);
        assertUntouched();
    }

    @Test
    void shouldAnswerInvalidLengthWithBytesNeededForAShortBuffer() {
        OidRequest r = new OidRequest(OidRequest.Type.SET, TapiOids.OID_TAPI_SET_STATUS_MESSAGES, new byte[6]);
        assertThat(h.wan.oidRequest(h.adapter(0), r, s -> { }).code()).isEqualTo(Status.Code.INVALID_LENGTH);
        assertThat(r.bytesNeeded()).isEqualTo(NdisTapiStructs.SET_STATUS_MESSAGES.size());
        assertThat(raw(OidRequest.Type.QUERY, TapiOids.OID_TAPI_GET_CALL_STATUS, null).code())
                .isEqualTo(Status.Code.INVALID_LENGTH);
        assertUntouched();
    }

    @Test
    void shouldAnswerStructureTooSmallOrInvalParamForBadTotalSizes() {
        TapiMessage m = TapiMessage.allocate(NdisTapiStructs.GET_DEV_CAPS, 64).putU32("ulDeviceID", 0)
                .putU32("LineDevCaps.ulTotalSize", 8);
        assertThat(raw(OidRequest.Type.QUERY, TapiOids.OID_TAPI_GET_DEV_CAPS, m.buffer()).code())
                .isEqualTo(Status.Code.TAPI_STRUCTURETOOSMALL);
        m.putU32("LineDevCaps.ulTotalSize", 100_000);
        assertThat(raw(OidRequest.Type.QUERY, TapiOids.OID_TAPI_GET_DEV_CAPS, m.buffer()).code())
                .isEqualTo(Status.Code.TAPI_INVALPARAM);
        assertUntouched();
    }

    @Test
    void shouldFillNeededSizeWhenTheFixedPartFitsAndRefuseWhenItDoesNot() {
        int at = NdisTapiStructs.GET_DEV_CAPS.offset("LineDevCaps");
        int fixed = NdisTapiStructs.LINE_DEV_CAPS.size();
        TapiMessage m = TapiMessage.allocate(NdisTapiStructs.GET_DEV_CAPS, 0).putU32("ulDeviceID", 0)
                .putU32("LineDevCaps.ulTotalSize", fixed);
        assertThat(raw(OidRequest.Type.QUERY, TapiOids.OID_TAPI_GET_DEV_CAPS, m.buffer())).isEqualTo(Status.SUCCESS);
        VarStructWriter.Header hd = VarStructWriter.Header.read(m.buffer(), at);
        assertThat(hd.usedSize()).isEqualTo(fixed);
        assertThat(hd.neededSize()).isGreaterThan(hd.usedSize());
        m.putU32("LineDevCaps.ulTotalSize", 16);
        assertThat(raw(OidRequest.Type.QUERY, TapiOids.OID_TAPI_GET_DEV_CAPS, m.buffer()).code())
                .isEqualTo(Status.Code.TAPI_STRUCTURETOOSMALL);
        assertThat(VarStructWriter.Header.read(m.buffer(), at).neededSize()).isEqualTo(hd.neededSize());
        assertUntouched();
    }

    @Test
    void shouldRefuseOffsetsOutsideTheBufferAndSizesThatDoNotAddUp() {
        TapiMessage d = TapiMessage.allocate(NdisTapiStructs.DIAL, 4).putU32("ulDestAddressSize", 400);
        assertThat(raw(OidRequest.Type.SET, TapiOids.OID_TAPI_DIAL, d.buffer()).code())
                .isEqualTo(Status.Code.TAPI_INVALPARAM);
        TapiMessage g = TapiMessage.allocate(NdisTapiStructs.GET_ID, 300)
                .putU32("DeviceID.ulTotalSize", 100).putU32("ulDeviceClassSize", 5)
                .putU32("ulDeviceClassOffset", 10_000);
        assertThat(raw(OidRequest.Type.QUERY, TapiOids.OID_TAPI_GET_ID, g.buffer()).code())
                .isEqualTo(Status.Code.TAPI_INVALPARAM);
        g.putU32("ulDeviceClassOffset", 0);
        assertThat(raw(OidRequest.Type.QUERY, TapiOids.OID_TAPI_GET_ID, g.buffer()).code())
                .isEqualTo(Status.Code.TAPI_INVALPARAM);
        g.putU32("ulDeviceClassSize", 0);
        assertThat(raw(OidRequest.Type.QUERY, TapiOids.OID_TAPI_GET_ID, g.buffer()).code())
                .isEqualTo(Status.Code.TAPI_INVALDEVICECLASS);
        assertUntouched();
    }

    @Test
    void shouldRefuseInconsistentLineCallParams() {
        byte[] buf = TapiMessage.allocate(NdisTapiStructs.MAKE_CALL, 0).buffer();
        int at = NdisTapiStructs.MAKE_CALL.offset("LineCallParams");
        new LineCallParams(1, 0, 0, 0x100, 1, 0).writeTo(buf, at);
        TapiMessage.putU32(buf, at, 4);
        assertThat(StructCheck.checkRequest(TapiOids.OID_TAPI_MAKE_CALL, OidRequest.Type.QUERY, buf).status().code())
                .isEqualTo(Status.Code.TAPI_INVALCALLPARAMS);
        assertThat(raw(OidRequest.Type.QUERY, TapiOids.OID_TAPI_MAKE_CALL, buf).code())
                .isEqualTo(Status.Code.TAPI_INVALCALLPARAMS);
        assertUntouched();
    }

    @Test
    void shouldRouteHandleManagingOidsOnlyThroughTheTypedApi() {
        for (int oid : new int[] {TapiOids.OID_TAPI_OPEN, TapiOids.OID_TAPI_CLOSE, TapiOids.OID_TAPI_CLOSE_CALL,
            TapiOids.OID_TAPI_PROVIDER_SHUTDOWN}) {
            TapiOids.Info i = TapiOids.info(oid);
            byte[] buf = new byte[NdisTapiStructs.forOid(oid).minimumLength()];
            assertThat(raw(i.query() ? OidRequest.Type.QUERY : OidRequest.Type.SET, oid, buf).code())
                    .as(i.name()).isEqualTo(Status.Code.TAPI_OPERATIONUNAVAIL);
        }
        assertUntouched();
    }

    @Test
    void shouldRefuseRawRequestsWithHandlesTheAdapterDoesNotHave() {
        TapiMessage m = TapiMessage.allocate(NdisTapiStructs.SET_APP_SPECIFIC, 0).putPtr("hdCall", 987_654);
        assertThat(raw(OidRequest.Type.SET, TapiOids.OID_TAPI_SET_APP_SPECIFIC, m.buffer()).code())
                .isEqualTo(Status.Code.TAPI_INVALCALLHANDLE);
        TapiMessage l = TapiMessage.allocate(NdisTapiStructs.SET_STATUS_MESSAGES, 0).putPtr("hdLine", 987_654);
        assertThat(raw(OidRequest.Type.SET, TapiOids.OID_TAPI_SET_STATUS_MESSAGES, l.buffer()).code())
                .isEqualTo(Status.Code.TAPI_INVALLINEHANDLE);
        TapiMessage d = TapiMessage.allocate(NdisTapiStructs.GET_EXTENSION_ID, 0).putU32("ulDeviceID", 77);
        assertThat(raw(OidRequest.Type.QUERY, TapiOids.OID_TAPI_GET_EXTENSION_ID, d.buffer()).code())
                .isEqualTo(Status.Code.TAPI_NODEVICE);
        assertThat(h.wan.oidRequest(new AdapterHandle(99), new OidRequest(OidRequest.Type.QUERY,
                TapiOids.OID_TAPI_GET_DEV_CAPS, new byte[8]), s -> { }).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertUntouched();
    }

    @Test
    void shouldRefuseRequestsOnStaleAndForeignHandles() {
        fails(h.tapi.drop(new CallHandle(4242)), Status.Code.TAPI_INVALCALLHANDLE);
        fails(h.tapi.drop(null), Status.Code.TAPI_INVALCALLHANDLE);
        fails(h.tapi.close(new LineHandle(up[0].id())), Status.Code.TAPI_INVALLINEHANDLE);
        fails(h.tapi.makeCall(null, "101", null), Status.Code.TAPI_INVALLINEHANDLE);
        fails(h.tapi.getCallStatus(new CallHandle(a.id())), Status.Code.TAPI_INVALCALLHANDLE);
        fails(h.tapi.initializeProvider(new AdapterHandle(77)), Status.Code.INVALID_HANDLE);
        fails(h.tapi.initializeProvider(h.adapter(0)), Status.Code.TAPI_ALLOCATED);
        assertThat(h.tapi.send(up[0], null).code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        assertUntouched();
    }

    @Test
    void shouldRefuseBadIndicationsWithoutEffect() {
        AdapterHandle ad = h.adapter(0);
        assertThat(h.pstn.services().indicateTapiEvent(ad, null).code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        assertThat(h.pstn.services().indicateTapiEvent(new AdapterHandle(55), new io.jcondis.api.wan.TapiEvent(
                a.id(), 0, io.jcondis.api.wan.Tapi.LINE_CLOSE, 0, 0, 0)).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.pstn.services().indicateLineDown(ad, 31337).isFailure()).isTrue();
        assertThat(h.tapi.callStats(up[0]).value().linkUp()).isTrue();
        assertThat(h.problems.problems()).hasSize(1);
        h.problems.problems().clear();
        assertUntouched();
    }
}
