"""Prometheus metrics for one server: requests, latency, flags raised, abstentions, queue depth.

Labels are route templates and flag kinds, never paths or values, so no identifier can reach a
metric and the number of series stays fixed.
"""

from __future__ import annotations

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from ..records import Answer

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)


class Metrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = r = CollectorRegistry()
        self.requests = Counter("openmfm_http_requests", "HTTP requests by route template, method and status",
                                ["route", "method", "status"], registry=r)
        self.latency = Histogram("openmfm_http_request_seconds", "Time to the end of the response, by route",
                                 ["route"], buckets=BUCKETS, registry=r)
        self.answers = Counter("openmfm_answers", "Answers by mode and channel", ["mode", "channel"], registry=r)
        self.abstentions = Counter("openmfm_abstentions", "Answers that abstained or refused", ["channel"], registry=r)
        self.flags = Counter("openmfm_flags", "Flags raised on answers, by kind and severity", ["kind", "severity"],
                             registry=r)
        self.queue_depth = Gauge("openmfm_queue_depth", "Requests admitted to a lane (running or waiting)", ["lane"],
                                 registry=r)
        self.rejected = Counter("openmfm_queue_rejected", "Requests turned away because a lane was full", ["lane"],
                                registry=r)
        self.cancelled = Counter("openmfm_generations_cancelled", "Generations stopped because the client left",
                                 registry=r)

    def answer(self, a: Answer, channel: str) -> None:
        self.answers.labels(a.mode, channel).inc()
        if a.abstained:
            self.abstentions.labels(channel).inc()
        for f in a.flags:
            self.flags.labels(f.kind, f.severity).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
