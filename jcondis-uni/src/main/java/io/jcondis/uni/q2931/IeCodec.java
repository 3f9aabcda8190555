package io.jcondis.uni.q2931;

import io.jcondis.uni.codec.Octets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Contents (octets 5..) of each supported information element: encode, and a decode that never throws. A content
 * error yields an {@link InvalidIe}, never an exception and never a failed message (see {@link InvalidIe} for why).
 * Spare bits are sent as 0 and ignored on receipt. Layouts are on the element records.
 */
final class IeCodec {
    private IeCodec() {
    }

    // ---------------------------------------------------------------------------------------------- encode

    static void encodeContents(InformationElement ie, WireWriter w) {
        if (ie instanceof CalledPartyNumber n) {
            w.u8(0x80 | n.typeOfNumber() << 4 | n.numberingPlan());
            octets(w, n.address());
        } else if (ie instanceof CallingPartyNumber n) {
            if (n.screening().isPresent()) {
                CallingPartyNumber.Screening s = n.screening().get();
                w.u8(n.typeOfNumber() << 4 | n.numberingPlan());
                w.u8(0x80 | s.presentationIndicator() << 5 | s.screeningIndicator());
            } else {
                w.u8(0x80 | n.typeOfNumber() << 4 | n.numberingPlan());
            }
            octets(w, n.address());
        } else if (ie instanceof AalParameters a) {
            w.u8(a.aalType());
            if (a.aalType() == AalParameters.AAL_TYPE_5) {
                a.forwardMaxCpcsSduBytes().ifPresent(v -> w.u8(AalParameters.ID_FORWARD_MAX_CPCS_SDU).u16(v));
                a.backwardMaxCpcsSduBytes().ifPresent(v -> w.u8(AalParameters.ID_BACKWARD_MAX_CPCS_SDU).u16(v));
                a.mode().ifPresent(v -> w.u8(AalParameters.ID_MODE).u8(v));
                a.sscsType().ifPresent(v -> w.u8(AalParameters.ID_SSCS_TYPE).u8(v));
            } else {
                octets(w, a.otherParameters());
            }
        } else if (ie instanceof AtmTrafficDescriptor t) {
            // EnumMap iterates in declaration order, which is ascending subfield identifier: the wire order.
            for (Map.Entry<TrafficParameter, Integer> e : t.parameters().entrySet()) {
                w.u8(e.getKey().subfieldIdentifier()).u24(e.getValue());
            }
            if (t.bestEffort()) {
                w.u8(AtmTrafficDescriptor.ID_BEST_EFFORT);
            }
            t.trafficManagementOptions().ifPresent(v -> w.u8(AtmTrafficDescriptor.ID_TRAFFIC_MANAGEMENT_OPTIONS).u8(v));
        } else if (ie instanceof BroadbandBearerCapability b) {
            if (b.transferCapability().isPresent()) {
                w.u8(b.bearerClass());
                w.u8(0x80 | b.transferCapability().getAsInt());
            } else {
                w.u8(0x80 | b.bearerClass());
            }
            w.u8(0x80 | b.clipping() << 5 | b.userPlaneConfiguration());
        } else if (ie instanceof QosParameter q) {
            w.u8(q.forwardClass()).u8(q.backwardClass());
        } else if (ie instanceof ConnectionIdentifier c) {
            w.u8(0x80 | c.vpAssociatedSignalling() << 3 | c.preferredExclusive()).u16(c.vpci()).u16(c.vci());
        } else if (ie instanceof Cause c) {
            w.u8(0x80 | c.location()).u8(0x80 | c.value());
            octets(w, c.diagnostics());
        } else if (ie instanceof CallState s) {
            w.u8(s.value());
        } else if (ie instanceof EndpointReference r) {
            w.u8(0).u16((r.toOriginatingSide() ? 0x8000 : 0) | r.value());
        } else if (ie instanceof EndpointState s) {
            w.u8(s.partyState());
        } else if (ie instanceof UserUserInformation u) {
            w.u8(u.protocolDiscriminator());
            octets(w, u.information());
        } else if (ie instanceof UnrecognizedIe u) {
            octets(w, u.contents());
        } else if (ie instanceof InvalidIe i) {
            octets(w, i.contents());
        } else {
            throw new IllegalArgumentException("unsupported information element: " + ie);
        }
    }

    private static void octets(WireWriter w, Octets o) {
        w.bytes(o.toByteArray(), 0, o.length());
    }

    // ---------------------------------------------------------------------------------------------- decode

    /**
     * @param id    identifier octet
     * @param ins   compatibility instruction
     * @param b     buffer
     * @param off   offset of octet 5 (first contents octet)
     * @param len   contents length; {@code off + len <= b.length} is guaranteed by the caller
     * @return the element, never {@code null}
     */
    static InformationElement decode(int id, IeInstruction ins, byte[] b, int off, int len) {
        if (ins.codingStandard() != IeInstruction.CODING_ITU_T) {
            return new UnrecognizedIe(id, Octets.copyOf(b, off, len), ins);
        }
        switch (id) {
            case IeIdentifier.CALLED_PARTY_NUMBER:
                return calledPartyNumber(ins, b, off, len);
            case IeIdentifier.CALLING_PARTY_NUMBER:
                return callingPartyNumber(ins, b, off, len);
            case IeIdentifier.AAL_PARAMETERS:
                return aalParameters(ins, b, off, len);
            case IeIdentifier.ATM_TRAFFIC_DESCRIPTOR:
                return trafficDescriptor(ins, b, off, len);
            case IeIdentifier.BROADBAND_BEARER_CAPABILITY:
                return bearerCapability(ins, b, off, len);
            case IeIdentifier.QOS_PARAMETER:
                if (len != 2) {
                    return invalid(id, ins, b, off, len, "QoS parameter must be 2 octets, not " + len);
                }
                return new QosParameter(u8(b, off), u8(b, off + 1), ins);
            case IeIdentifier.CONNECTION_IDENTIFIER:
                if (len != 5) {
                    return invalid(id, ins, b, off, len, "connection identifier must be 5 octets, not " + len);
                }
                return new ConnectionIdentifier((u8(b, off) >> 3) & 0x03, u8(b, off) & 0x07, u16(b, off + 1),
                        u16(b, off + 3), ins);
            case IeIdentifier.CAUSE:
                if (len < 2) {
                    return invalid(id, ins, b, off, len, "cause needs location and value octets, has " + len);
                }
                return new Cause(u8(b, off) & 0x0F, u8(b, off + 1) & 0x7F, Octets.copyOf(b, off + 2, len - 2), ins);
            case IeIdentifier.CALL_STATE:
                if (len != 1) {
                    return invalid(id, ins, b, off, len, "call state must be 1 octet, not " + len);
                }
                return new CallState(u8(b, off) & 0x3F, ins);
            case IeIdentifier.ENDPOINT_REFERENCE:
                if (len != 3) {
                    return invalid(id, ins, b, off, len, "endpoint reference must be 3 octets, not " + len);
                }
                if (u8(b, off) != 0) {
                    return invalid(id, ins, b, off, len, "endpoint reference type " + u8(b, off) + " is not 0");
                }
                return new EndpointReference((u8(b, off + 1) & 0x80) != 0, u16(b, off + 1) & 0x7FFF, ins);
            case IeIdentifier.ENDPOINT_STATE:
                if (len != 1) {
                    return invalid(id, ins, b, off, len, "endpoint state must be 1 octet, not " + len);
                }
                return new EndpointState(u8(b, off) & 0x3F, ins);
            case IeIdentifier.USER_USER_INFORMATION:
                if (len < 1) {
                    return invalid(id, ins, b, off, len, "user-user information needs a protocol discriminator");
                }
                return new UserUserInformation(u8(b, off), Octets.copyOf(b, off + 1, len - 1), ins);
            default:
                return new UnrecognizedIe(id, Octets.copyOf(b, off, len), ins);
        }
    }

    private static InformationElement calledPartyNumber(IeInstruction ins, byte[] b, int off, int len) {
        int id = IeIdentifier.CALLED_PARTY_NUMBER;
        if (len < 1) {
            return invalid(id, ins, b, off, len, "called party number is empty");
        }
        int o5 = u8(b, off);
        if ((o5 & 0x80) == 0) {
            return invalid(id, ins, b, off, len, "called party number octet 5 must have the extension bit set");
        }
        int type = (o5 >> 4) & 0x07;
        int plan = o5 & 0x0F;
        Octets address = Octets.copyOf(b, off + 1, len - 1);
        String problem = Numbering.check(type, plan, address);
        if (problem != null) {
            return invalid(id, ins, b, off, len, problem);
        }
        return new CalledPartyNumber(type, plan, address, ins);
    }

    private static InformationElement callingPartyNumber(IeInstruction ins, byte[] b, int off, int len) {
        int id = IeIdentifier.CALLING_PARTY_NUMBER;
        if (len < 1) {
            return invalid(id, ins, b, off, len, "calling party number is empty");
        }
        int o5 = u8(b, off);
        int type = (o5 >> 4) & 0x07;
        int plan = o5 & 0x0F;
        int p = off + 1;
        Optional<CallingPartyNumber.Screening> screening = Optional.empty();
        if ((o5 & 0x80) == 0) {
            if (len < 2) {
                return invalid(id, ins, b, off, len, "calling party number octet 5a is missing");
            }
            int o5a = u8(b, p++);
            if ((o5a & 0x80) == 0) {
                return invalid(id, ins, b, off, len, "calling party number octet 5a must end the octet group");
            }
            screening = Optional.of(new CallingPartyNumber.Screening((o5a >> 5) & 0x03, o5a & 0x03));
        }
        Octets address = Octets.copyOf(b, p, off + len - p);
        String problem = Numbering.check(type, plan, address);
        if (problem != null) {
            return invalid(id, ins, b, off, len, problem);
        }
        return new CallingPartyNumber(type, plan, screening, address, ins);
    }

    private static InformationElement aalParameters(IeInstruction ins, byte[] b, int off, int len) {
        int id = IeIdentifier.AAL_PARAMETERS;
        if (len < 1) {
            return invalid(id, ins, b, off, len, "AAL parameters are empty");
        }
        int aalType = u8(b, off);
        if (aalType != AalParameters.AAL_TYPE_5) {
            return new AalParameters(aalType, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                    OptionalInt.empty(), Octets.copyOf(b, off + 1, len - 1), ins);
        }
        OptionalInt fwd = OptionalInt.empty();
        OptionalInt bwd = OptionalInt.empty();
        OptionalInt mode = OptionalInt.empty();
        OptionalInt sscs = OptionalInt.empty();
        int end = off + len;
        int p = off + 1;
        while (p < end) {
            int sub = u8(b, p++);
            int size = sub == AalParameters.ID_FORWARD_MAX_CPCS_SDU || sub == AalParameters.ID_BACKWARD_MAX_CPCS_SDU
                    ? 2 : 1;
            if (sub != AalParameters.ID_FORWARD_MAX_CPCS_SDU && sub != AalParameters.ID_BACKWARD_MAX_CPCS_SDU
                    && sub != AalParameters.ID_MODE && sub != AalParameters.ID_SSCS_TYPE) {
                return invalid(id, ins, b, off, len, "unknown AAL5 subfield 0x" + Integer.toHexString(sub));
            }
            if (end - p < size) {
                return invalid(id, ins, b, off, len, "AAL5 subfield 0x" + Integer.toHexString(sub) + " truncated");
            }
            int v = size == 2 ? u16(b, p) : u8(b, p);
            p += size;
            OptionalInt value = OptionalInt.of(v);
            boolean duplicate;
            if (sub == AalParameters.ID_FORWARD_MAX_CPCS_SDU) {
                duplicate = fwd.isPresent();
                fwd = value;
            } else if (sub == AalParameters.ID_BACKWARD_MAX_CPCS_SDU) {
                duplicate = bwd.isPresent();
                bwd = value;
            } else if (sub == AalParameters.ID_MODE) {
                duplicate = mode.isPresent();
                mode = value;
            } else {
                duplicate = sscs.isPresent();
                sscs = value;
            }
            if (duplicate) {
                return invalid(id, ins, b, off, len, "AAL5 subfield 0x" + Integer.toHexString(sub) + " repeated");
            }
        }
        return new AalParameters(aalType, fwd, bwd, mode, sscs, Octets.EMPTY, ins);
    }

    private static InformationElement trafficDescriptor(IeInstruction ins, byte[] b, int off, int len) {
        int id = IeIdentifier.ATM_TRAFFIC_DESCRIPTOR;
        Map<TrafficParameter, Integer> params = new EnumMap<>(TrafficParameter.class);
        boolean bestEffort = false;
        OptionalInt options = OptionalInt.empty();
        int end = off + len;
        int p = off;
        while (p < end) {
            int sub = u8(b, p++);
            if (sub == AtmTrafficDescriptor.ID_BEST_EFFORT) {
                if (bestEffort) {
                    return invalid(id, ins, b, off, len, "best effort indicator repeated");
                }
                bestEffort = true;
            } else if (sub == AtmTrafficDescriptor.ID_TRAFFIC_MANAGEMENT_OPTIONS) {
                if (options.isPresent() || p >= end) {
                    return invalid(id, ins, b, off, len, "traffic management options repeated or truncated");
                }
                options = OptionalInt.of(u8(b, p++));
            } else {
                Optional<TrafficParameter> tp = TrafficParameter.fromSubfieldIdentifier(sub);
                if (tp.isEmpty()) {
                    return invalid(id, ins, b, off, len, "unknown traffic descriptor subfield 0x"
                            + Integer.toHexString(sub));
                }
                if (end - p < 3) {
                    return invalid(id, ins, b, off, len, tp.get() + " truncated");
                }
                if (params.put(tp.get(), u24(b, p)) != null) {
                    return invalid(id, ins, b, off, len, tp.get() + " repeated");
                }
                p += 3;
            }
        }
        return new AtmTrafficDescriptor(params, bestEffort, options, ins);
    }

    private static InformationElement bearerCapability(IeInstruction ins, byte[] b, int off, int len) {
        int id = IeIdentifier.BROADBAND_BEARER_CAPABILITY;
        if (len < 2) {
            return invalid(id, ins, b, off, len, "broadband bearer capability needs at least 2 octets");
        }
        int o5 = u8(b, off);
        int p = off + 1;
        OptionalInt transfer = OptionalInt.empty();
        if ((o5 & 0x80) == 0) {
            int o5a = u8(b, p++);
            if ((o5a & 0x80) == 0) {
                return invalid(id, ins, b, off, len, "broadband bearer capability octet 5a must end the group");
            }
            transfer = OptionalInt.of(o5a & 0x7F);
        }
        if (off + len - p != 1) {
            return invalid(id, ins, b, off, len, "broadband bearer capability must end with octet 6");
        }
        int o6 = u8(b, p);
        return new BroadbandBearerCapability(o5 & 0x1F, transfer, (o6 >> 5) & 0x03, o6 & 0x03, ins);
    }

    private static InvalidIe invalid(int id, IeInstruction ins, byte[] b, int off, int len, String reason) {
        return new InvalidIe(id, Octets.copyOf(b, off, len), reason, ins);
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    static int u24(byte[] b, int at) {
        return (b[at] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF);
    }
}
