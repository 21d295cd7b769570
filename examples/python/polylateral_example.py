#!/usr/bin/python3
"""A secretariat integration in Python, over mutual TLS: the path an input takes.

An operator registers two stakeholders, opens a process as its
secretariat, has both apply for accreditation (one through ECOSOC status, decided at once;
one through non-objection, which a state objects to during the notice period), checks who
may send written input, submits an input as the accredited stakeholder, and pulls and
acknowledges it from the process inbox as the secretariat. Prints one line per step; the
client tests (examples/run_example_test.sh) check them.

  PYTHONPATH=<build>/examples/python/gen /usr/bin/python3 polylateral_example.py \\
      --tls var/tls --registry localhost:50051 --accreditation localhost:50052 \\
      --routing localhost:50054

Certificates (scripts/dev-ca) needed in --tls: ca.crt and, per principal, <kind>-<id>.crt
and .key for operator:ops, secretariat:example-process, stakeholder:example-ngo, stakeholder:example-lab,
state:FR.
"""
import argparse
import datetime
import json
import os
import sys

import grpc
from google.protobuf import json_format
from google.rpc import error_details_pb2, status_pb2

from polylateral.accreditation.v1 import accreditation_pb2 as acc_types
from polylateral.accreditation.v1 import accreditation_service_pb2 as acc
from polylateral.accreditation.v1 import accreditation_service_pb2_grpc as acc_grpc
from polylateral.registry.v1 import registry_service_pb2 as reg
from polylateral.registry.v1 import registry_service_pb2_grpc as reg_grpc
from polylateral.routing.v1 import routing_service_pb2 as rt
from polylateral.routing.v1 import routing_service_pb2_grpc as rt_grpc

SCENARIO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenario.json")
PROCESS = "example-process"
SECRETARIAT = "secretariat:" + PROCESS


class Clients:
    """One channel per (service, principal): the principal is the client certificate."""

    def __init__(self, tls_dir, targets):
        self.tls_dir = tls_dir
        self.targets = targets
        with open(os.path.join(tls_dir, "ca.crt"), "rb") as f:
            self.ca = f.read()
        self.channels = {}

    def stub(self, service, principal):
        key = (service, principal)
        if key not in self.channels:
            base = os.path.join(self.tls_dir, principal.replace(":", "-"))
            with open(base + ".key", "rb") as k, open(base + ".crt", "rb") as c:
                creds = grpc.ssl_channel_credentials(self.ca, k.read(), c.read())
            self.channels[key] = grpc.secure_channel(self.targets[service], creds)
        stub = {"registry": reg_grpc.RegistryServiceStub,
                "accreditation": acc_grpc.AccreditationServiceStub,
                "routing": rt_grpc.RoutingServiceStub}[service]
        return stub(self.channels[key])


def reason_of(err):
    """The ErrorInfo reason and field violations from a gRPC error's details."""
    for key, value in err.trailing_metadata() or ():
        if key != "grpc-status-details-bin":
            continue
        status = status_pb2.Status.FromString(value)
        reason, fields = "", []
        for detail in status.details:
            info, bad = error_details_pb2.ErrorInfo(), error_details_pb2.BadRequest()
            if detail.Unpack(info):
                reason = info.reason
            elif detail.Unpack(bad):
                fields += [v.field for v in bad.field_violations]
        return reason, fields
    return "", []


def call(method, request, tolerate=()):
    """Calls with a deadline; a refusal whose reason is in `tolerate` returns None (reruns)."""
    try:
        return method(request, timeout=10)
    except grpc.RpcError as err:
        reason, fields = reason_of(err)
        if reason in tolerate:
            return None
        sys.exit(f"error {getattr(method, '_method', b'?').decode()}: {err.code().name} {reason} {fields} "
                 f"{err.details()}")


def parse(obj, message_type):
    """A request from protobuf JSON (the names and enum names of the scenario file)."""
    return json_format.ParseDict(obj, message_type())


def date(d):
    return {"year": d.year, "month": d.month, "day": d.day}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tls", default="var/tls")
    parser.add_argument("--registry", default="localhost:50051")
    parser.add_argument("--accreditation", default="localhost:50052")
    parser.add_argument("--routing", default="localhost:50054")
    args = parser.parse_args()
    clients = Clients(args.tls, {"registry": args.registry,
                                 "accreditation": args.accreditation,
                                 "routing": args.routing})
    with open(SCENARIO) as f:
        scenario = json.load(f)

    # 1. An operator registers the stakeholders (ECOSOC status comes from the UN list, which
    #    only an operator sets; a stakeholder without one may register itself).
    for s in scenario["stakeholders"]:
        req = parse(s, reg.CreateStakeholderRequest)
        call(clients.stub("registry", "operator:ops").CreateStakeholder, req,
             tolerate=("STAKEHOLDER_EXISTS", "DUPLICATE_STAKEHOLDER_NAME"))
        print(f"registered stakeholders/{req.stakeholder_id}")

    # 2. The secretariat opens its process, with a session taking written input today.
    today = datetime.date.today()
    session = scenario["process"]["process"]["sessions"][0]
    session["startDate"] = session["writtenInputOpens"] = date(today - datetime.timedelta(1))
    session["endDate"] = session["writtenInputCloses"] = date(today + datetime.timedelta(60))
    req = parse(scenario["process"], reg.CreateProcessRequest)
    call(clients.stub("registry", SECRETARIAT).CreateProcess, req,
         tolerate=("PROCESS_EXISTS",))
    print(f"process processes/{PROCESS}")

    # 3. Both apply: ECOSOC general status is decided at once; non-objection opens a notice
    #    period during which any state may object.
    apps = {}
    for who, route in (("example-ngo", "ecosoc-general"), ("example-lab", "non-objection")):
        me = "stakeholder:" + who
        stub = clients.stub("accreditation", me)
        created = call(stub.CreateApplication, parse({
            "parent": f"processes/{PROCESS}", "requestId": f"example-{who}",
            "application": {"stakeholder": f"stakeholders/{who}", "routeId": route}},
            acc.CreateApplicationRequest))
        submitted = call(stub.SubmitApplication, parse(
            {"name": created.name, "requestId": f"example-submit-{who}"},
            acc.SubmitApplicationRequest))
        apps[who] = submitted
        print(f"application {who} {route}: {acc_types.Application.State.Name(submitted.state)}")

    # 4. A state objects, as itself (state:FR), during the notice period.
    lab = apps["example-lab"]
    objection = call(clients.stub("accreditation", "state:FR").LodgeObjection,
                     parse({"parent": lab.name, "state": "states/FR",
                            "grounds": "Undisclosed state funding."}, acc.LodgeObjectionRequest),
                     tolerate=("OBJECTION_EXISTS",))
    after = call(clients.stub("accreditation", "state:FR").GetApplication,
                 parse({"name": lab.name}, acc.GetApplicationRequest))
    print(f"objection by states/FR: {'lodged' if objection else 'already lodged'}, "
          f"objections now {after.objection_count}")

    # 5. Who may send written input to the process.
    for who in ("example-ngo", "example-lab"):
        resp = call(clients.stub("accreditation", SECRETARIAT).CheckAccess,
                    parse({"stakeholder": f"stakeholders/{who}",
                           "process": f"processes/{PROCESS}", "right": "WRITTEN_INPUT"},
                          acc.CheckAccessRequest))
        verdict = "allowed" if resp.allowed else f"denied {resp.denial_reason}"
        print(f"access {who} WRITTEN_INPUT: {verdict}")

    # 6. The accredited stakeholder submits input; routing says where it goes and why.
    submitted = call(clients.stub("routing", "stakeholder:example-ngo").SubmitInput,
                     parse({"input": dict(scenario["input"], author="stakeholders/example-ngo")},
                           rt.SubmitInputRequest))
    for route in submitted.routes:
        print(f"submitted {submitted.name} -> {route.destination} ({route.reason})")
    inbox = next(r.destination for r in submitted.routes
                 if r.destination.startswith(f"processes/{PROCESS}/"))

    # 7. The secretariat pulls its inbox and acknowledges what it took in.
    routing = clients.stub("routing", SECRETARIAT)
    pulled = call(routing.PullInbox,
                  parse({"destination": inbox, "maxDeliveries": 10}, rt.PullInboxRequest))
    for d in pulled.deliveries:
        print(f"pulled {d.input.name} from {d.destination} delivery {d.delivery_id}")
        acked = call(routing.AckDelivery,
                     parse({"destination": inbox, "deliveryId": d.delivery_id},
                           rt.AckDeliveryRequest))
        print(f"acked {d.delivery_id}: {str(acked.acknowledged).lower()}")
    if not any(d.input.name == submitted.name for d in pulled.deliveries):
        sys.exit(f"error: {submitted.name} not in {inbox}")


if __name__ == "__main__":
    main()
