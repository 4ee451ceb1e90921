/* OpenMFM web app: the pages' one script.
   It calls the same /v1 routes as any API client, sending the API key kept in this tab's
   sessionStorage (if one was given), and builds what they return into the page with
   textContent only: nothing a source, a note or an answer contains is ever read as HTML. */
"use strict";
(() => {
  const WORDS = JSON.parse(document.getElementById("mfm-i18n").textContent);
  const KEY = "mfm_api_key";
  const CONTEXT = 160; // characters of a passage shown either side of the quoted span
  const SEVERITY = { critical: 0, warning: 1, info: 2 };
  const BANNER_KINDS = ["red_flag", "triage_question"];
  const $ = (id) => document.getElementById(id);

  function t(key, vars) {
    let s = WORDS[key] ?? key;
    for (const [k, v] of Object.entries(vars || {})) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  }

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const kid of kids.flat(2)) {
      if (kid !== null && kid !== undefined && kid !== false) e.append(kid instanceof Node ? kid : String(kid));
    }
    return e;
  }

  const pct = (x) => (x === null || x === undefined ? "-" : `${Math.round(x * 100)}%`);
  const yesNo = (b) => t(b ? "yes" : "no");
  const dl = (rows, cls) => el("dl", { class: cls || "meta" },
    rows.filter(Boolean).map(([k, v]) => [el("dt", { text: k }), el("dd", {}, v ?? "-")]));

  function table(heads, rows, caption) {
    return el("div", { class: "table-wrap" }, el("table", {},
      caption ? el("caption", { text: caption }) : null,
      el("thead", {}, el("tr", {}, heads.map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c) => el("td", {}, c ?? "-")))))));
  }

  function clip(text, n) { // code points, as the server counts offsets; a cut before the span starts at a line
    const chars = Array.from(text);
    if (chars.length <= Math.abs(n)) return text;
    if (n > 0) return chars.slice(0, n).join("") + "…";
    const tail = chars.slice(n).join("");
    return tail.includes("\n") ? tail.slice(tail.indexOf("\n") + 1) : "…" + tail;
  }

  const when = (ts) => (ts ? ts.slice(0, 19).replace("T", " ") : null);

  // ------------------------------------------------------------------ calling the API
  function headers(extra) {
    const h = { ...extra };
    const key = sessionStorage.getItem(KEY);
    if (key) h.Authorization = `Bearer ${key}`;
    return h;
  }

  async function failure(res) {
    let err = {};
    try { err = (await res.json()).error || {}; } catch (_) { /* not JSON: the status says enough */ }
    return Object.assign(new Error(err.message || t("error_http", { status: res.status })),
      { next: err.next, status: res.status });
  }

  async function api(path, opts = {}) {
    const init = { method: opts.method || "GET", headers: headers(opts.json ? { "Content-Type": "application/json" } : {}) };
    if (opts.json) init.body = JSON.stringify(opts.json);
    if (opts.form) init.body = opts.form;
    const res = await fetch(path, init);
    if (!res.ok) throw await failure(res);
    return res.json();
  }

  async function* events(res) { // server-sent events: [name, data]
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read();
      buf += decoder.decode(value || new Uint8Array(), { stream: !done });
      let cut;
      while ((cut = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        let name = "message";
        const data = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) name = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
        }
        if (data.length) yield [name, JSON.parse(data.join("\n"))];
      }
      if (done) return;
    }
  }

  function showError(box, e) {
    box.hidden = false;
    box.replaceChildren(el("div", { class: "error", role: "alert" },
      el("strong", { text: e.message }),
      e.next ? el("p", { text: e.next }) : null,
      e.status === 401 || e.status === 403 ? el("p", { text: t("error_need_key") }) : null));
  }

  function say(text) { const s = $("status"); if (s) s.textContent = text; }

  // ------------------------------------------------------------------ the key
  function initKey() {
    const state = $("key-state");
    state.textContent = sessionStorage.getItem(KEY) ? t("key_set") : t("key_none");
    $("key-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const value = $("api-key").value.trim();
      if (value) sessionStorage.setItem(KEY, value);
      location.reload();
    });
    $("key-forget").addEventListener("click", () => { sessionStorage.removeItem(KEY); location.reload(); });
  }

  // ------------------------------------------------------------------ Ask
  function banner(f) {
    const emergency = f.severity === "critical" || (f.details || {}).urgency === "emergency";
    return el("div", { class: `banner ${emergency ? "banner-emergency" : "banner-urgent"}`, role: "alert", tabindex: "-1" },
      el("strong", { class: "banner-title", text: t(emergency ? "flag_emergency" : "flag_urgent") }),
      el("p", { text: f.message }));
  }

  function answerText(text, cards) {
    return el("div", { class: "answer-text" }, text.split(/\n{2,}/).map((para) => el("p", {},
      para.split(/(\[\d+\])/).map((bit) => {
        const m = /^\[(\d+)\]$/.exec(bit);
        return m && +m[1] >= 1 && +m[1] <= cards
          ? el("a", { href: `#ev-${m[1]}`, class: "cite", "aria-label": t("ask_cite", { n: m[1] }), text: bit })
          : bit;
      }))));
  }

  function conflictView(flags) {
    return el("section", { class: "conflicts", "aria-labelledby": "cf-h" },
      el("h2", { id: "cf-h", text: t("ask_conflicts") }),
      flags.map((f) => {
        const d = f.details || {};
        return el("div", { class: "conflict" }, el("p", { text: f.message }),
          el("div", { class: "sides" }, (d.sources || []).map((s) => el("div", { class: `side${s.n === d.preferred ? " preferred" : ""}` },
            el("h3", {}, el("a", { href: `#ev-${s.n}`, text: `[${s.n}] ${s.title}` })),
            el("p", { class: "muted", text: t("ev_version", { v: s.version }) }),
            el("p", { text: s.says }),
            s.n === d.preferred ? el("p", { class: "badge badge-ok", text: t("ask_preferred", { why: d.reason }) }) : null))));
      }));
  }

  function flagList(flags) {
    const sorted = [...flags].sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity]);
    return el("section", { class: "flags", "aria-labelledby": "fl-h" }, el("h2", { id: "fl-h", text: t("ask_flags") }),
      el("ul", {}, sorted.map((f) => el("li", { class: `flag flag-${f.severity}` },
        el("span", { class: `badge badge-${f.severity}`, text: t(`severity_${f.severity}`) }), " ", f.message))));
  }

  function evidenceCard(e, n) {
    const s = e.source, v = e.source_version, c = e.chunk;
    const chars = Array.from(c.text);
    const a = e.span_start === null ? 0 : e.span_start - c.start;
    const b = e.span_end === null ? chars.length : e.span_end - c.start;
    const lang = s.language === "zh" ? "zh-CN" : "en";
    return el("article", { class: "card", id: `ev-${n}`, tabindex: "-1", "aria-labelledby": `ev-${n}-h` },
      el("h3", { id: `ev-${n}-h`, text: `[${n}] ${s.title}` }),
      el("blockquote", { class: "quote", lang },
        clip(chars.slice(0, a).join(""), -CONTEXT), el("mark", { text: chars.slice(a, b).join("") }),
        clip(chars.slice(b).join(""), CONTEXT)),
      dl([
        [t("ev_source"), s.publisher ? `${s.title} · ${s.publisher}` : s.title],
        [t("ev_type"), t(`doctype_${s.doc_type}`)],
        [t("ev_version_label"), `v${v.version}`],
        [t("ev_date"), v.published || v.effective || t("ev_undated")],
        [t("ev_licence"), s.licence || t("ev_unknown")],
        s.attribution ? [t("ev_attribution"), s.attribution] : null,
        c.section ? [t("ev_section"), c.section] : null,
        s.url ? [t("ev_link"), /^https?:\/\//i.test(s.url) ? el("a", { href: s.url, rel: "noopener noreferrer", text: s.url }) : s.url] : null,
        s.doi ? ["DOI", s.doi] : null,
      ]),
      (v.flags || []).length ? el("p", { class: "badge badge-warning", text: t("ev_flags", { flags: v.flags.join(", ") }) }) : null);
  }

  function claimsView(claims) {
    return el("details", { class: "claims" }, el("summary", { text: t("ask_claims", { n: claims.length }) }),
      el("ul", {}, claims.map((c) => el("li", { class: c.removed ? "removed" : null },
        el("span", { class: `badge badge-${c.support === "supported" ? "ok" : "warning"}`, text: t(`support_${c.support}`) }),
        " ", c.text, c.citations.length ? ` ${c.citations.map((x) => `[${x.n}]`).join("")}` : ""))));
  }

  function provenance(a) {
    const p = a.provenance || {};
    return el("section", { class: "provenance", "aria-labelledby": "pv-h" }, el("h2", { id: "pv-h", text: t("ask_provenance") }),
      dl([
        [t("prov_kb"), p.kb_snapshot],
        [t("prov_model"), p.model ? `${p.model} (${p.backend || "-"})` : t("prov_no_model")],
        [t("prov_policy"), p.policy_version],
        [t("prov_code"), p.code_version],
        [t("prov_audit"), a.audit_id ? el("a", { href: `/audit?id=${encodeURIComponent(a.audit_id)}`, id: "audit-link", text: a.audit_id }) : "-"],
      ]));
  }

  function renderAnswer(root, a) {
    const banners = a.flags.filter((f) => BANNER_KINDS.includes(f.kind));
    const conflicts = a.flags.filter((f) => f.kind === "conflict");
    const others = a.flags.filter((f) => !BANNER_KINDS.includes(f.kind) && f.kind !== "conflict");
    root.replaceChildren(
      ...banners.map(banner),
      a.abstained ? el("div", { class: "abstained", id: "abstained" },
        el("h2", { text: t("ask_abstained") }), el("p", { text: t("ask_abstained_why") })) : "",
      el("section", { class: "answer", "aria-labelledby": "answer-h", lang: a.language === "zh" ? "zh-CN" : "en" },
        el("h2", { id: "answer-h", text: t("ask_answer") }), answerText(a.text, a.evidence.length)),
      dl([
        [t("ask_support"), [el("meter", { min: "0", max: "1", value: String(a.support_score), "aria-label": t("ask_support") }), " ", pct(a.support_score)]],
        a.relevance_score !== null ? [t("ask_relevance"), pct(a.relevance_score)] : null,
        a.verdict ? [t("ask_verdict"), t(`verdict_${a.verdict}`)] : null,
        [t("ask_mode"), t(`mode_${a.mode}`)],
      ], "scores"),
      conflicts.length ? conflictView(conflicts) : "",
      others.length ? flagList(others) : "",
      a.evidence.length ? el("section", { class: "evidence", "aria-labelledby": "ev-h" },
        el("h2", { id: "ev-h", text: t("ask_evidence", { n: a.evidence.length }) }),
        a.evidence.map((e, i) => evidenceCard(e, i + 1))) : "",
      a.claims.length ? claimsView(a.claims) : "",
      provenance(a));
  }

  function prose(raw) { // the sentences of a draft the model writes as JSON; other drafts as they are
    if (!raw.trimStart().startsWith("{")) return raw;
    return [...raw.matchAll(/"text"\s*:\s*"((?:[^"\\]|\\.)*)/g)].map((m) => {
      try { return JSON.parse(`"${m[1].replace(/\\(u[0-9a-fA-F]{0,3})?$/, "")}"`); } catch (_) { return m[1]; }
    }).join(" ");
  }

  function initAsk() {
    const form = $("ask-form"), question = $("question"), result = $("result"), submit = $("ask-submit");
    question.addEventListener("keydown", (ev) => { // Enter asks, Shift+Enter starts a new line; an IME's Enter is its own
      if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const text = question.value.trim();
      if (!text) return;
      submit.disabled = true;
      say(t("ask_working"));
      const draft = el("p", { class: "draft", "aria-hidden": "true", "data-label": t("ask_draft") });
      result.hidden = false;
      result.replaceChildren(draft);
      try {
        const body = { question: text, stream: true };
        if ($("mode").value) body.mode = $("mode").value;
        const res = await fetch("/v1/ask", { method: "POST", headers: headers({ "Content-Type": "application/json" }), body: JSON.stringify(body) });
        if (!res.ok) throw await failure(res);
        let answer = null, raw = "";
        for await (const [name, data] of events(res)) {
          if (name === "draft") draft.textContent = prose(raw += data.text);
          else if (name === "answer") answer = data;
          else if (name === "error") throw Object.assign(new Error(data.error.message), { next: data.error.next });
        }
        if (!answer) throw new Error(t("ask_no_answer"));
        renderAnswer(result, answer);
        say(answer.abstained ? t("ask_done_abstained") : t("ask_done"));
        const alert = result.querySelector(".banner");
        if (alert) alert.focus();
      } catch (e) {
        say("");
        showError(result, e);
      } finally {
        submit.disabled = false;
      }
    });
  }

  // ------------------------------------------------------------------ Audit
  async function replay(id, out, button) {
    button.disabled = true;
    out.replaceChildren(el("p", { text: t("audit_replaying") }));
    try {
      const r = await api(`/v1/audit/${encodeURIComponent(id)}/replay`, { method: "POST" });
      out.replaceChildren(el("div", { class: r.identical ? "ok" : "warn", id: "replay-verdict" },
        el("strong", { text: r.identical ? t("audit_identical") : t("audit_differs", { n: r.differences.length }) }),
        dl([
          [t("audit_same_snapshot"), yesNo(r.same_snapshot)],
          [t("audit_same_model"), yesNo(r.same_model)],
          [t("audit_replay_record"), el("a", { href: `/audit?id=${encodeURIComponent(r.replay.audit_id)}`, text: r.replay.audit_id })],
        ]),
        r.differences.length ? el("ul", { class: "differences" }, r.differences.map((d) => el("li", { text: d }))) : null));
    } catch (e) {
      showError(out, e);
    } finally {
      button.disabled = false;
    }
  }

  async function showRecord(id) {
    const box = $("record");
    box.hidden = false;
    box.replaceChildren(el("p", { text: t("loading") }));
    try {
      const r = await api(`/v1/audit/${encodeURIComponent(id)}`);
      const p = r.payload || {};
      const parts = [el("h2", { text: t("audit_record") }), dl([
        [t("audit_id"), r.id], [t("audit_time"), when(r.ts)], [t("audit_action"), r.action],
        [t("audit_actor"), r.role ? `${r.actor} (${r.role})` : r.actor], [t("audit_policy"), r.policy_version],
        [t("audit_hash"), r.hash],
      ])];
      if (r.action === "ask") {
        const out = el("div", { id: "replay-result", "aria-live": "polite" });
        const button = el("button", { type: "button", id: "replay", text: t("audit_replay") });
        button.addEventListener("click", () => replay(r.id, out, button));
        parts.push(el("h3", { text: t("audit_question") }), el("p", { text: p.question }),
          el("h3", { text: t("ask_answer") }), el("p", { class: "answer-text", text: p.answer }),
          dl([[t("ask_support"), pct(p.support_score)], [t("audit_abstained"), yesNo(p.abstained)], [t("prov_kb"), p.kb_snapshot]]),
          el("div", { class: "row" }, button), out);
      }
      parts.push(el("details", {}, el("summary", { text: t("audit_payload") }),
        el("pre", { class: "json", text: JSON.stringify(p, null, 2) })));
      box.replaceChildren(...parts);
    } catch (e) {
      showError(box, e);
    }
  }

  function initAudit() {
    const list = $("audit-list");
    const load = async () => {
      say(t("loading"));
      try {
        const q = new URLSearchParams({ limit: $("audit-limit").value || "50" });
        if ($("audit-action").value.trim()) q.set("action", $("audit-action").value.trim());
        const rows = await api(`/v1/audit?${q}`);
        list.replaceChildren(table([t("audit_id"), t("audit_time"), t("audit_action"), t("audit_actor"), t("audit_summary")],
          rows.map((r) => [el("a", { href: `?id=${encodeURIComponent(r.id)}`, text: r.id }), when(r.ts), r.action,
            r.role ? `${r.actor} (${r.role})` : r.actor,
            Object.entries(r.summary).map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`).join(" ")]),
          t("audit_list")));
        say(t("audit_count", { n: rows.length }));
      } catch (e) {
        say("");
        showError(list, e);
      }
    };
    $("audit-form").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
    $("audit-verify").addEventListener("click", async () => {
      const box = $("verify-result");
      box.hidden = false;
      try {
        const r = await api("/v1/audit/verify");
        box.replaceChildren(el("div", { class: r.ok ? "ok" : "error", id: "verify-verdict" },
          el("strong", { text: r.ok ? t("audit_chain_ok", { n: r.checked }) : t("audit_chain_bad", { n: r.problems.length }) }),
          r.problems.length ? el("ul", {}, r.problems.map((p) => el("li", { text: p }))) : null));
      } catch (e) {
        showError(box, e);
      }
    });
    const id = new URLSearchParams(location.search).get("id");
    if (id) showRecord(id);
    load();
  }

  // ------------------------------------------------------------------ Knowledge
  async function showSource(id) {
    const box = $("source-detail");
    box.hidden = false;
    $("diff").hidden = true;
    try {
      const r = await api(`/v1/kb/sources/${encodeURIComponent(id)}`);
      $("detail-h").textContent = t("kb_versions_of", { title: r.source.title });
      box.dataset.source = id;
      $("versions").replaceChildren(table(
        [t("kb_version"), t("kb_published"), t("kb_effective"), t("kb_ingested"), t("kb_superseded"), t("kb_hash"), t("kb_flags")],
        r.versions.map((v) => [`v${v.version}`, v.published, v.effective, when(v.ingested_at),
          when(v.superseded_at) || t("kb_current"), v.content_sha256.slice(0, 12),
          v.flags.join(", ") || "-"])));
      const numbers = r.versions.map((v) => v.version);
      for (const [sel, pick] of [[$("diff-v1"), numbers.at(-2) ?? numbers.at(-1)], [$("diff-v2"), numbers.at(-1)]]) {
        sel.replaceChildren(...numbers.map((n) => el("option", { value: String(n), selected: n === pick, text: `v${n}` })));
      }
    } catch (e) {
      showError($("versions"), e);
    }
  }

  async function showDiff(ev) {
    ev.preventDefault();
    const out = $("diff");
    const q = new URLSearchParams({ source_id: $("source-detail").dataset.source, v1: $("diff-v1").value, v2: $("diff-v2").value });
    out.hidden = false;
    try {
      const r = await api(`/v1/kb/diff?${q}`);
      out.replaceChildren(...(r.same ? [t("kb_same")] : r.diff.split("\n").map((line) => el("span", {
        class: line.startsWith("+") && !line.startsWith("+++") ? "add" : line.startsWith("-") && !line.startsWith("---") ? "del" : null,
        text: `${line}\n` }))));
    } catch (e) {
      showError(out, e);
    }
  }

  async function loadSources() {
    const box = $("sources");
    try {
      const infos = await api("/v1/kb/sources");
      box.replaceChildren(table(
        [t("kb_title"), t("kb_id"), t("kb_doc_type"), t("kb_language"), t("kb_latest"), t("kb_published"), t("kb_licence"), t("kb_chunks")],
        infos.map((i) => [
          el("button", { type: "button", class: "linklike", text: i.source.title, onclick: () => showSource(i.source.id) }),
          i.source.id, t(`doctype_${i.source.doc_type}`), i.source.language, i.version ? `v${i.version.version}` : "-",
          i.version ? i.version.published || i.version.effective : null, i.source.licence, String(i.chunks)])));
      const sel = $("up-source");
      sel.replaceChildren(sel.options[0], ...infos.map((i) => el("option", { value: i.source.id, text: `${i.source.title} (${i.source.id})` })));
      say(t("kb_count", { n: infos.length }));
    } catch (e) {
      showError(box, e);
    }
  }

  async function upload(ev) {
    ev.preventDefault();
    const form = ev.target, out = $("upload-report"), data = new FormData();
    for (const f of $("up-files").files) data.append("files", f);
    for (const name of ["source_id", "title", "publisher", "doc_type", "language", "licence", "published"]) {
      const v = form.elements[name].value.trim();
      if (v) data.append(name, v);
    }
    say(t("kb_uploading"));
    try {
      const r = await api("/v1/kb/upload", { method: "POST", form: data });
      out.replaceChildren(table([t("kb_file"), t("kb_status"), t("kb_id"), t("kb_version"), t("kb_chunks"), t("kb_reason")],
        r.results.map((x) => [x.path, t(`status_${x.status}`), x.source_id, x.version ? `v${x.version}` : "-", String(x.chunks), x.reason]),
        t("kb_report", { snapshot: r.snapshot_id })));
      form.reset();
      await loadSources();
      const changed = r.results.find((x) => x.source_id && x.status !== "failed");
      if (changed) await showSource(changed.source_id);
    } catch (e) {
      say("");
      showError(out, e);
    }
  }

  function initKnowledge() {
    $("diff-form").addEventListener("submit", showDiff);
    $("upload-form").addEventListener("submit", upload);
    loadSources();
  }

  // ------------------------------------------------------------------ De-identify
  function deidView(text, r) {
    const chars = Array.from(text);
    const marked = el("p", { class: "note-marked", id: "deid-marked" });
    let at = 0;
    for (const s of [...r.entities].sort((x, y) => x.start - y.start)) {
      if (s.start < at) continue;
      marked.append(chars.slice(at, s.start).join(""),
        el("mark", { class: "phi", "data-type": s.entity_type, text: chars.slice(s.start, s.end).join("") }));
      at = s.end;
    }
    marked.append(chars.slice(at).join(""));
    return [
      el("h2", { text: t("deid_found", { n: r.entities.length }) }), marked,
      el("h2", { text: t("deid_redacted") }), el("pre", { class: "redacted", id: "redacted", text: r.text }),
      table([t("deid_type"), t("deid_start"), t("deid_end"), t("deid_score"), t("deid_recognizer"), t("deid_replacement")],
        r.entities.map((s) => [s.entity_type, String(s.start), String(s.end), s.score.toFixed(2), s.recognizer, s.replacement]),
        t("deid_spans")),
      el("p", { class: "muted", text: t("deid_policy", { operator: r.operator, policy: r.policy_version }) }),
    ];
  }

  function initDeid() {
    const note = $("note");
    $("deid-form").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const text = note.value;
      if (!text.trim()) return;
      const body = { text };
      if ($("deid-language").value) body.language = $("deid-language").value;
      if ($("deid-operator").value) body.operator = $("deid-operator").value;
      const out = $("deid-result");
      say(t("deid_working"));
      try {
        const r = await api("/v1/deid", { method: "POST", json: body });
        out.hidden = false;
        out.replaceChildren(...deidView(text, r));
        say(t("deid_done", { n: r.entities.length }));
      } catch (e) {
        say("");
        showError(out, e);
      }
    });
  }

  initKey();
  ({ ask: initAsk, audit: initAudit, knowledge: initKnowledge, deid: initDeid })[document.body.dataset.page]();
})();
