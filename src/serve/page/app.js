// The live page of `payback serve`: lists the scenario's inputs, sends the changes to the
// server on every edit, and puts the figures, page one of the memo and the charts it answers
// in place. A newer change aborts the request of an older one, and the server cancels its run.
"use strict";

const key = new URLSearchParams(location.search).get("key") || "";
const page = Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
const live = { scenario: null, seq: 0, controller: null, runs: 0, timings: [] };
// Read by the browser test and by anyone curious: the milliseconds of every run shown.
window.payback = live;

const $ = (id) => document.getElementById(id);
const count = (n) => Number(n).toLocaleString("en-US");

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) e.append(c);
  return e;
}

function setState(s) {
  document.body.dataset.state = s;
}

async function load() {
  live.seq += 1;
  if (live.controller) live.controller.abort();
  const answer = await fetch("/api/scenario", { headers: { "X-Payback-Key": key } });
  const s = await answer.json().catch(() => ({ error: `the server answered ${answer.status}` }));
  if (!answer.ok) throw new Error(s.error);
  live.scenario = s;
  document.title = `${s.name}: payback serve`;
  $("title").textContent = s.name;
  const options = s.options
    .map((o) => (o.baseline ? `${o.name} (the baseline: today's way)` : o.name))
    .join(", ");
  $("about").textContent =
    `${s.file}. Options: ${options}. Every change re-runs the same ${count(s.live_trials)} trials (seed ${s.seed}), ` +
    `so what moves is the change, not noise; the full report runs the file's ` +
    `${count(s.full_trials)} trials.`;
  const groups = $("groups");
  groups.replaceChildren();
  for (const g of s.groups) {
    const set = el("fieldset", {}, el("legend", {}, g.title));
    for (const input of g.inputs) set.append(inputRow(input));
    groups.append(set);
  }
  const stress = $("stress");
  stress.replaceChildren();
  for (const c of s.stress) {
    const box = el("input", { type: "checkbox", "data-stress": c.name });
    box.addEventListener("change", run);
    const what = Object.entries(c.set).map(([p, v]) => `${p} = ${v}`).join("; ");
    stress.append(el("label", { class: "toggle", title: what }, box, ` ${c.name}`), el("br"));
  }
  const pack = el("input", { type: "checkbox", id: "deprecation" });
  pack.addEventListener("change", run);
  const packLabel = s.deprecation.available
    ? ` The vendor retires ${s.deprecation.option}'s model at months ` +
      s.deprecation.months.join(", ")
    : ` Deprecation pack: ${s.deprecation.why}`;
  pack.disabled = !s.deprecation.available;
  stress.append(el("label", { class: "toggle" }, pack, packLabel));
  if (!s.stress.length) stress.prepend(el("p", { class: "hint" }, "The file has no stress cases."));
  $("save-as").value = s.save_as;
  $("report-dir").value = s.report_dir;
  render(s.base.options, s.base);
  $("status").textContent =
    `The file's own values: ${count(s.base.trials)} trials, seed ${s.base.seed}.`;
  setState("ready");
}

function inputRow(input) {
  const field = el("input", {
    type: "text",
    value: input.written,
    spellcheck: false,
    "data-path": input.path,
    "data-written": input.written,
  });
  field.setAttribute("aria-label", input.name);
  field.addEventListener("change", run);
  return el(
    "div",
    { class: "input", "data-input": input.path },
    el("label", { title: input.path }, input.name, field),
    el("span", { class: "words" }, `file: ${input.in_words}`),
    el("span", { class: "error", role: "alert" }),
  );
}

function changes() {
  const set = {};
  for (const field of document.querySelectorAll("input[data-path]")) {
    const value = field.value.trim();
    if (value === "") field.value = field.dataset.written;
    const changed = value !== "" && value !== field.dataset.written;
    if (changed) set[field.dataset.path] = value;
    field.closest(".input").classList.toggle("changed", changed);
  }
  return set;
}

function request() {
  const stress = [...document.querySelectorAll("input[data-stress]")]
    .filter((b) => b.checked)
    .map((b) => b.dataset.stress);
  return { page, changes: changes(), stress, deprecation: $("deprecation").checked };
}

function clearErrors() {
  for (const row of document.querySelectorAll(".input.wrong")) {
    row.classList.remove("wrong");
    row.querySelector(".error").textContent = "";
  }
  $("problem").hidden = true;
}

function showError(answer) {
  clearErrors();
  const row = answer.field && document.querySelector(`.input[data-input="${CSS.escape(answer.field)}"]`);
  if (row) {
    row.classList.add("wrong");
    row.querySelector(".error").textContent = answer.error;
    // A long message (a long value said back) shows four lines; the whole is its tooltip.
    row.querySelector(".error").title = answer.error;
  }
  const problem = $("problem");
  problem.textContent = row ? `${row.querySelector("label").firstChild.textContent}: ${answer.error}` : answer.error;
  problem.title = answer.error;
  problem.hidden = false;
  return Boolean(row);
}

// What a request that got no answer says: the server stopped or cannot be reached.
function unreachable(e) {
  return `The server did not answer (${e.message}): is payback serve still running?`;
}

async function post(path, body, signal) {
  const answer = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Payback-Key": key },
    body: JSON.stringify(body),
    signal,
  });
  const parsed = await answer
    .json()
    .catch(() => ({ error: `the server answered ${answer.status} without a message` }));
  return { ok: answer.ok, status: answer.status, body: parsed };
}

async function run() {
  const seq = ++live.seq;
  if (live.controller) live.controller.abort();
  const controller = new AbortController();
  live.controller = controller;
  const started = performance.now();
  const body = request();
  setState("running");
  $("status").textContent = `Simulating ${count(live.scenario.live_trials)} trials…`;
  let answer;
  try {
    answer = await post("/api/simulate", body, controller.signal);
  } catch (e) {
    if (e.name === "AbortError" || seq !== live.seq) return;
    $("status").textContent = unreachable(e);
    setState("error");
    return;
  }
  if (seq !== live.seq) return;
  if (!answer.ok) {
    if (answer.status === 409 && answer.body.field === "cancelled") {
      $("status").textContent = "Stopped: the server is stopping.";
      setState("error");
      return;
    }
    const marked = showError(answer.body);
    $("status").textContent = marked
      ? "Not run: the marked input is not one the scenario allows; the figures are the last good run's."
      : "Not run: see the message below; the figures are the last good run's.";
    setState("error");
    return;
  }
  clearErrors();
  render(answer.body.base, answer.body.now);
  const ms = performance.now() - started;
  live.timings.push(ms);
  live.runs += 1;
  document.body.dataset.runs = live.runs;
  const n = Object.keys(body.changes).length;
  const beside = [...body.stress.map((name) => `"${name}"`)];
  if (body.deprecation) beside.push("the deprecation pack");
  $("status").textContent =
    `Updated in ${Math.round(ms)} ms: ${count(answer.body.now.trials)} trials, ` +
    `${n} change${n === 1 ? "" : "s"} from the file` +
    (beside.length ? `, with ${beside.join(" and ")}` : "") +
    ".";
  setState("ready");
}

function figureCell(option, figure, value, text, moved) {
  return el("td", {
    class: moved ? "moved" : "",
    "data-option": option,
    "data-figure": figure,
    "data-value": value === null ? "never" : String(value),
  }, text);
}

function render(base, now) {
  const cur = live.scenario.currency;
  const table = $("figures");
  table.replaceChildren(
    el("tr", {},
      el("th", { rowSpan: 2 }, "option"),
      el("th", { colSpan: 3, class: "group" }, "payback, months"),
      el("th", { colSpan: 2, class: "group" }, "never pays back"),
      el("th", { colSpan: 2, class: "group" }, `mean NPV (${cur})`),
    ),
    el("tr", {},
      el("th", {}, "P50: file"),
      el("th", {}, "P50: now"),
      el("th", {}, "P10–P90 now"),
      el("th", {}, "file"),
      el("th", {}, "now"),
      el("th", {}, "file"),
      el("th", {}, "now"),
    ),
  );
  for (const o of now.options) {
    const b = base.find((x) => x.key === o.key) || o;
    table.append(
      el("tr", {},
        el("td", {}, o.name),
        figureCell(o.key, "base-p50", b.p50, b.shown.p50, false),
        figureCell(o.key, "p50", o.p50, o.shown.p50, o.p50 !== b.p50),
        el("td", {}, `${o.shown.p10}–${o.shown.p90}`),
        figureCell(o.key, "base-p-never", b.p_never, b.shown.p_never, false),
        figureCell(o.key, "p-never", o.p_never, o.shown.p_never, o.p_never !== b.p_never),
        figureCell(o.key, "base-mean-npv", b.mean_npv, b.shown.mean_npv, false),
        figureCell(o.key, "mean-npv", o.mean_npv, o.shown.mean_npv, o.mean_npv !== b.mean_npv),
      ),
    );
  }
  // Both come from the server, which escapes every text of the file in them.
  $("page-one").innerHTML = now.page_one;
  $("charts").innerHTML = now.charts
    .map((c) => `<figure data-chart="${c.name}">${c.svg.replace(/^<\?xml[^>]*>\s*/, "")}</figure>`)
    .join("");
  const stress = $("stress-results");
  stress.replaceChildren();
  if (now.stress.length) {
    const t = el("table", { id: "stress-table" },
      el("tr", {},
        el("th", {}, "stress case"),
        el("th", {}, "option"),
        el("th", {}, "payback P50, months"),
        el("th", {}, "never pays back"),
        el("th", {}, `mean NPV (${cur})`),
      ),
    );
    for (const c of now.stress) {
      for (const o of c.options) {
        t.append(el("tr", { "data-case": c.name },
          el("td", {}, c.name), el("td", {}, o.name), el("td", {}, o.shown.p50),
          el("td", {}, o.shown.p_never), el("td", {}, o.shown.mean_npv)));
      }
    }
    stress.append(el("h2", {}, "Stress tests, on top of your changes"), t);
  }
}

async function save(to, replace) {
  const result = $("save-result");
  result.textContent = "Saving…";
  const body = { changes: changes(), replace };
  if (to !== null) body.to = to;
  const buttons = [$("save-new"), $("save-over")];
  buttons.forEach((b) => { b.disabled = true; });
  let answer;
  try {
    answer = await post("/api/save", body);
  } catch (e) {
    result.textContent = `Not saved. ${unreachable(e)}`;
    return;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
  if (!answer.ok) {
    result.textContent = `Not saved: ${answer.body.error}`;
    return;
  }
  result.textContent = answer.body.replaced
    ? `Saved over ${answer.body.saved}, comments and layout kept; the page now starts from it.`
    : `Saved ${answer.body.saved}, comments and layout kept. Check it with: payback check ${answer.body.saved}`;
  if (answer.body.replaced) {
    await load().catch((e) => {
      result.textContent += ` The page could not read it again: ${e.message}`;
    });
  }
}

async function report() {
  const result = $("report-result");
  const { stress, ...body } = request();
  body.out = $("report-dir").value;
  result.textContent = `Writing the full report: ${count(live.scenario.full_trials)} trials…`;
  $("report").disabled = true;
  try {
    let answer;
    try {
      answer = await post("/api/report", body);
    } catch (e) {
      result.textContent = `No report. ${unreachable(e)}`;
      return;
    }
    if (!answer.ok) {
      result.textContent = `No report: ${answer.body.error}`;
      return;
    }
    const a = answer.body;
    const figures = a.options
      .map((o) => `${o.name}: payback P50 ${o.shown.p50}, never ${o.shown.p_never}`)
      .join("; ");
    result.textContent = `Wrote ${a.dir} (${a.files.length} files, ${count(a.trials)} trials): ${figures}.`;
  } finally {
    $("report").disabled = false;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("save-new").addEventListener("click", () => save($("save-as").value, false));
  $("save-over").addEventListener("click", () => {
    $("confirm-text").textContent =
      `Replace ${live.scenario.file} with the changed scenario? Its comments and layout are ` +
      `kept; only the changed values are rewritten.`;
    $("confirm").hidden = false;
  });
  $("confirm-no").addEventListener("click", () => { $("confirm").hidden = true; });
  $("confirm-yes").addEventListener("click", () => {
    $("confirm").hidden = true;
    save(null, true);
  });
  $("report").addEventListener("click", report);
  load().catch((e) => {
    $("status").textContent = `The scenario could not be loaded: ${e}`;
    setState("error");
  });
});
