//! Every string the demo panel shows, in both languages.
//!
//! [`Strings`] has one field per string and one `const` per language, so a
//! string missing in either language is a compile error. Strings that take
//! values are `fn` pointers. Program output (notes, values, lane names) is
//! never translated: it is what the code printed.
//!
//! Not here: the site shell's strings (`crate::i18n`) and lesson text.

use crate::timeline_model::LaneState;
use lessons::{KnobError, Lang};
use trace::{Kind, Status};

/// One transcript line's facts, for [`Strings::sentence`].
#[derive(Clone, Copy, Debug)]
pub struct Said<'a> {
    /// The lane's name (program text: `main`, `gen`).
    pub lane: &'a str,
    /// What happened.
    pub kind: Kind,
    /// The event's value (program text).
    pub value: &'a str,
}

/// The demo panel's strings in one language.
#[derive(Debug)]
pub struct Strings {
    /// `aria-label` of the whole panel: "Live demo: cleanup".
    pub panel_label: fn(&str) -> String,
    /// Heading of the code panel.
    pub code: &'static str,
    /// `aria-label` of the code listing.
    pub code_label: fn(&str) -> String,
    /// The code head's link to the Stream Lab preset that takes up the demo.
    pub open_in_lab: &'static str,
    /// Its `title`: what the Lab is.
    pub open_in_lab_title: &'static str,
    /// Heading of the knobs.
    pub knobs: &'static str,
    /// Under the knobs while one is invalid.
    pub fix_knobs: &'static str,
    /// A URL value that was ignored: name, value, why.
    pub url_ignored: fn(&str, &str, &str) -> String,
    /// `aria-label` of the button group.
    pub controls: &'static str,
    /// Run button.
    pub run: &'static str,
    /// Run button's tooltip.
    pub run_hint: &'static str,
    /// Stop button.
    pub stop: &'static str,
    /// Stop button's tooltip.
    pub stop_hint: &'static str,
    /// Instant button.
    pub instant: &'static str,
    /// Instant button's tooltip.
    pub instant_hint: &'static str,
    /// Replay button.
    pub replay: &'static str,
    /// Replay button's tooltip.
    pub replay_hint: &'static str,
    /// Reset button.
    pub reset: &'static str,
    /// Reset button's tooltip.
    pub reset_hint: &'static str,
    /// Pause (a playing replay).
    pub pause: &'static str,
    /// Play (a paused replay, from where it stopped).
    pub play: &'static str,
    /// The speed list's label.
    pub speed: &'static str,
    /// The line under the buttons: what each one does.
    pub controls_help: &'static str,
    /// `aria-label` of the replay step buttons.
    pub stepper: &'static str,
    /// First event.
    pub first: &'static str,
    /// Previous event.
    pub prev: &'static str,
    /// Next event.
    pub next: &'static str,
    /// Last event.
    pub last: &'static str,
    /// "Event 3 of 17".
    pub step_of: fn(usize, usize) -> String,
    /// Keyboard hint under the timeline.
    pub keys_hint: &'static str,
    /// Zoom in.
    pub zoom_in: &'static str,
    /// Zoom out.
    pub zoom_out: &'static str,
    /// `aria-label` of the zoom buttons.
    pub zoom: &'static str,
    /// Fit the whole run.
    pub fit: &'static str,
    /// Hint on the axis: drag to zoom into a region.
    pub axis_hint: &'static str,
    /// `aria-label` of the timeline (the event list inside it).
    pub timeline_label: &'static str,
    /// `aria-label` of the lane names.
    pub lanes_label: &'static str,
    /// Heading of the legend.
    pub legend: &'static str,
    /// The checkbox that shows or hides timer events.
    pub show_timers: &'static str,
    /// Legend: a waiting span.
    pub legend_waiting: &'static str,
    /// Legend: a same-millisecond band.
    pub legend_instant: &'static str,
    /// Legend: an axis break.
    pub legend_break: &'static str,
    /// On an axis break: how much time it leaves out (ms).
    pub break_label: fn(f64) -> String,
    /// Legend: a snooze (woken, then not polled for a while).
    pub legend_snooze: &'static str,
    /// Legend: a hang (the run stalled).
    pub legend_hang: &'static str,
    /// On the plot, over a snooze: how long it lasted (ms; `None`: still
    /// not polled at the end of the record).
    pub snooze_label: fn(Option<f64>) -> String,
    /// On the plot, at the end of a stalled run.
    pub hang_label: &'static str,
    /// Heading of the hazard notes under the transcript.
    pub hazards: &'static str,
    /// A hazard note: lane, woken at (ms), polled at (ms; `None`: never).
    pub snooze_sentence: fn(&str, i64, Option<i64>) -> String,
    /// After a note of a snooze that ended: why it happened (a pinned
    /// panel says it once, after the last such note).
    pub snooze_why: &'static str,
    /// A hazard note: the run stalled at (ms), and the lanes still waiting.
    pub hang_sentence: fn(i64, &str) -> String,
    /// The detail line with nothing selected.
    pub detail_none: &'static str,
    /// Before the events of one millisecond, in order: "At t=200 ms:".
    pub burst_row: fn(i64) -> String,
    /// A band's tooltip: "8 events at t=200 ms".
    pub burst_title: fn(usize, i64) -> String,
    /// Heading and `aria-label` of the transcript.
    pub transcript: &'static str,
    /// Shown in the empty transcript.
    pub transcript_empty: &'static str,
    /// The transcript's tab beside the code's (wide screens).
    pub transcript_tab: &'static str,
    /// `aria-label` of the tab list "Code | Transcript".
    pub views_label: &'static str,
    /// A pinned panel's fold rows (they show the lines or steps folded
    /// away there): lines of code above the window shown, lines below,
    /// transcript steps before, steps after.
    pub fold_lines_above: fn(usize) -> String,
    /// The fold row under the code's window: "8 more lines".
    pub fold_lines_below: fn(usize) -> String,
    /// The fold row above the transcript's window: "20 earlier steps".
    pub fold_steps_before: fn(usize) -> String,
    /// The fold row under the transcript's window: "8 later steps".
    pub fold_steps_after: fn(usize) -> String,
    /// Before any run.
    pub status_idle: &'static str,
    /// During a run: event count.
    pub status_running: fn(usize) -> String,
    /// The run shown before the reader ran anything: end time (ms), event count.
    pub status_preview: fn(i64, usize) -> String,
    /// How a run ended: status, time (ms), event count, clock name.
    pub status_done: fn(Status, i64, usize, &str) -> String,
    /// "15 events" (the stepper, when no event is selected).
    pub events_n: fn(usize) -> String,
    /// The clock of the last run: live or instant (virtual).
    pub clock_live: &'static str,
    /// The virtual clock.
    pub clock_virtual: &'static str,
    /// "line 18".
    pub line: fn(u32) -> String,
    /// The name of each kind (legend, detail line).
    pub kind_name: fn(Kind) -> &'static str,
    /// A lane's state during replay.
    pub lane_state: fn(LaneState) -> &'static str,
    /// A transcript sentence, without the time.
    pub sentence: fn(Said<'_>) -> String,
    /// "t=200 ms" (whole ms) for the transcript.
    pub at: fn(i64) -> String,
    /// "t=200.4 ms": a live clock's reading in a tooltip.
    pub at_precise: fn(f64) -> String,
    /// A knob's error message.
    pub knob_error: fn(&KnobError) -> String,
    /// Knob: "on" for a checked box (screen readers read the box itself).
    pub on: &'static str,
    /// Predict: heading.
    pub predict: &'static str,
    /// Predict: before a pick.
    pub predict_pick: &'static str,
    /// Predict: picked, but the demo has not run yet.
    pub predict_run: &'static str,
    /// Predict: the run ended before it could tell.
    pub predict_undecided: &'static str,
    /// Predict: the pick matches the recorded run.
    pub predict_right: &'static str,
    /// Predict: the pick does not match; what the run shows follows.
    pub predict_wrong: &'static str,
    /// Predict: before the line on why the reader's pick is wrong.
    pub predict_why_not: &'static str,
    /// Predict: before the case's knob values.
    pub predict_case: &'static str,
    /// Predict: after the case's knob values.
    pub predict_case_rest: &'static str,
    /// Predict: the case is the default knobs.
    pub predict_case_default: &'static str,
    /// Predict: the button that runs the case.
    pub predict_run_case: &'static str,
    /// Predict, without JavaScript: the toggle that shows the answer.
    pub predict_show_answer: &'static str,
    /// A demo, without JavaScript: what the reader sees and what needs it.
    pub needs_js: &'static str,
}

impl Strings {
    /// The name of `kind`.
    pub fn kind(&self, kind: Kind) -> &'static str {
        (self.kind_name)(kind)
    }
}

/// A skipped duration, rounded: "850 ms", "4.8 s", "12 s".
fn skipped(ms: f64, ms_unit: &str, s_unit: &str) -> String {
    if ms < 1000.0 {
        format!("{ms:.0} {ms_unit}")
    } else if ms < 10_000.0 {
        format!("{:.1} {s_unit}", ms / 1000.0)
    } else {
        format!("{:.0} {s_unit}", ms / 1000.0)
    }
}

/// The strings of `lang`.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// English.
pub const EN: Strings = Strings {
    panel_label: |id| format!("Live demo: {id}"),
    code: "Code",
    code_label: |path| format!("Source of the demo, {path}"),
    open_in_lab: "Open in the Lab",
    open_in_lab_title: "The same pipeline in the Stream Lab, where you change the inputs and the adapters",
    knobs: "Knobs",
    fix_knobs: "Fix the values above to run the demo.",
    url_ignored: |name, value, why| {
        format!("The link set {name}={value}; that value was ignored and the default kept. {why}")
    },
    controls: "Run controls",
    run: "Run",
    run_hint: "Run on real browser timers: events appear as they happen",
    stop: "Stop",
    stop_hint: "Stop the run: its future is dropped, and the drops and cleanups are recorded",
    instant: "Instant",
    instant_hint: "Run to the end at once on a virtual clock (same events, same times)",
    replay: "Replay",
    replay_hint: "Play the recorded run forward, event by event",
    reset: "Reset",
    reset_hint: "Clear the timeline",
    pause: "Pause",
    play: "Play",
    speed: "Speed",
    controls_help: "Run: real browser timers (slow motion below ×1). Instant: the same code on a virtual clock, exact times, at once. Replay: plays the recorded run forward, step by step; ← → step it yourself.",
    stepper: "Step through the run",
    first: "First event",
    prev: "Previous event",
    next: "Next event",
    last: "Last event",
    step_of: |i, n| format!("Event {i} of {n}"),
    keys_hint: "In the timeline: ← → step, Home/End first/last, + − zoom, 0 fit.",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    zoom: "Zoom",
    fit: "Fit all",
    axis_hint: "Drag along the time axis to zoom into a region",
    timeline_label: "Timeline of the run",
    lanes_label: "Lanes",
    legend: "Legend",
    show_timers: "Show timer events",
    legend_waiting: "waiting: Pending until the wake",
    legend_instant: "same millisecond",
    legend_break: "axis break: idle time left out",
    legend_snooze: "snoozed: woken, then not polled for 20 ms or more",
    legend_hang: "hang: nothing left that could wake the run",
    snooze_label: |ms| match ms {
        Some(ms) => format!("snoozed {ms:.0} ms"),
        None => "snoozed".to_string(),
    },
    hang_label: "hang",
    hazards: "Hazards",
    snooze_why: " Whoever polls it was busy elsewhere.",
    snooze_sentence: |lane, woken, polled| match polled {
        Some(p) => format!(
            "Snoozed: {lane} was woken at t={woken} ms but not polled until t={p} ms ({} ms later).",
            p - woken
        ),
        None => format!(
            "Snoozed: {lane} was woken at t={woken} ms and never polled again."
        ),
    },
    hang_sentence: |t, waiting| {
        if waiting.is_empty() {
            format!("Hang: at t={t} ms no task was ready and no timer was pending, so nothing could wake the run again.")
        } else {
            format!("Hang: at t={t} ms no task was ready and no timer was pending, so nothing could wake the run again. Still waiting: {waiting}.")
        }
    },
    break_label: |ms| format!("{} skipped", skipped(ms, "ms", "s")),
    detail_none: "Select an event (click a marker, or step with ← →) to read it here.",
    burst_row: |t| format!("At t={t} ms, in order:"),
    burst_title: |n, t| format!("{n} events at t={t} ms, spread out in the order they happened"),
    transcript: "Transcript of the run",
    transcript_empty: "Nothing recorded yet. Press Run or Instant.",
    transcript_tab: "Transcript",
    views_label: "Code or transcript",
    fold_lines_above: |n| if n == 1 { "1 line above".into() } else { format!("{n} lines above") },
    fold_lines_below: |n| if n == 1 { "1 more line".into() } else { format!("{n} more lines") },
    fold_steps_before: |n| if n == 1 { "1 earlier step".into() } else { format!("{n} earlier steps") },
    fold_steps_after: |n| if n == 1 { "1 later step".into() } else { format!("{n} later steps") },
    status_idle: "Not run yet.",
    status_running: |n| {
        if n == 1 {
            "Running… 1 event".to_string()
        } else {
            format!("Running… {n} events")
        }
    },
    status_preview: |t, n| {
        let events = if n == 1 { "event" } else { "events" };
        format!(
            "A run of the knobs above, recorded on the virtual clock: {n} {events} up to t={t} ms. \
             Press Run to watch it happen live."
        )
    },
    status_done: |status, t, n, clock| {
        let events = if n == 1 {
            "1 event".to_string()
        } else {
            format!("{n} events")
        };
        match status {
            Status::Stopped => format!("Stopped at t={t} ms, {events} ({clock})."),
            Status::Stalled => format!(
                "Stuck at t={t} ms: nothing can wake the demo any more ({events}, {clock})."
            ),
            Status::OverLimit => {
                format!("Stopped at the safety limit at t={t} ms ({events}, {clock}).")
            }
            Status::Idle | Status::Running | Status::Finished => {
                format!("Finished at t={t} ms, {events} ({clock}).")
            }
        }
    },
    events_n: |n| {
        if n == 1 {
            "1 event".to_string()
        } else {
            format!("{n} events")
        }
    },
    clock_live: "live clock",
    clock_virtual: "virtual clock",
    line: |n| format!("line {n}"),
    kind_name: |k| match k {
        Kind::Poll => "poll → Ready",
        Kind::Pending => "Pending",
        Kind::Wake => "wake",
        Kind::Yield => "yield",
        Kind::End => "end: Ready(None)",
        Kind::Body => "loop body",
        Kind::Drop => "drop",
        Kind::Cleanup => "cleanup",
        Kind::Error => "error",
        Kind::Cancel => "cancel",
        Kind::TimerSet => "timer set",
        Kind::TimerClear => "timer cleared",
        Kind::Note => "note",
    },
    lane_state: |s| match s {
        LaneState::NotStarted => "not started",
        LaneState::Running => "running its code",
        LaneState::LoopBody => "running the loop body",
        LaneState::AwaitingNext => "awaiting next()",
        LaneState::Awaiting => "awaiting (.await)",
        LaneState::Polled => "being polled",
        LaneState::Suspended => "suspended after Pending",
        LaneState::Woken => "woken, to be polled",
        LaneState::Yielded => "yielded; idle until polled",
        LaneState::Finished => "finished",
        LaneState::Dropped => "dropped",
    },
    sentence: |s| {
        let (lane, v) = (s.lane, s.value);
        match s.kind {
            Kind::Poll if v.is_empty() => format!("{lane} completed: Ready"),
            Kind::Poll => format!("{lane} completed: Ready({v})"),
            Kind::Pending => format!("{lane} returned Pending"),
            Kind::Wake => format!("{lane} was woken"),
            Kind::Yield => format!("{lane} yielded {v}"),
            Kind::End => format!("{lane} ended: Ready(None)"),
            Kind::Body => format!("{lane} ran the loop body with {v}"),
            Kind::Drop if v == "task" => format!("task {lane} was dropped"),
            Kind::Drop => format!("{lane} was dropped"),
            Kind::Cleanup => format!("{lane}: cleanup of {v} ran (its Drop)"),
            Kind::Error => format!("{lane}: error {v}"),
            Kind::Cancel => format!("{lane}: cancelled ({v})"),
            Kind::TimerSet => format!("{lane} set a {v} ms timer"),
            Kind::TimerClear => format!("{lane} cleared its timer (it was due at t={v} ms)"),
            Kind::Note => format!("{lane}: {v}"),
        }
    },
    at: |t| format!("t={t} ms"),
    at_precise: |t| format!("t={t:.1} ms"),
    knob_error: KnobError::message_en,
    on: "on",
    predict: "Predict, then run",
    predict_pick: "Pick an answer, then run this case.",
    predict_run: "Now run this case to check.",
    predict_undecided: "The run of this case could not tell.",
    predict_right: "✓ Your prediction matches the recorded run of this case.",
    predict_wrong: "✗ The recorded run of this case shows:",
    predict_why_not: "Why not your pick:",
    predict_case: "Case:",
    predict_case_rest: "(other knobs at their defaults)",
    predict_case_default: "the default knobs",
    predict_run_case: "Run this case",
    predict_show_answer: "Show the answer (from a run recorded when this page was built)",
    needs_js: "This run was recorded when the page was built, with the default knobs. Changing the knobs and running the demo needs JavaScript.",
};

/// Chinese.
pub const ZH: Strings = Strings {
    panel_label: |id| format!("在线演示：{id}"),
    code: "代码",
    code_label: |path| format!("演示源码，{path}"),
    open_in_lab: "在实验台中打开",
    open_in_lab_title: "在流实验台里打开同样的管道，可以改输入、换适配器",
    knobs: "参数",
    fix_knobs: "请先改正上面的参数，再运行演示。",
    url_ignored: |name, value, why| {
        format!("链接里的 {name}={value} 无效，已忽略并保留默认值。{why}")
    },
    controls: "运行控制",
    run: "运行",
    run_hint: "用浏览器的真实定时器运行：事件发生时就出现",
    stop: "停止",
    stop_hint: "停止运行：丢弃它的 future，并记录随之发生的丢弃与清理",
    instant: "立即跑完",
    instant_hint: "在虚拟时钟上一口气跑完（事件和时间与实时运行相同）",
    replay: "回放",
    replay_hint: "按顺序逐个事件重放这次运行",
    reset: "清空",
    reset_hint: "清空时间线",
    pause: "暂停",
    play: "继续",
    speed: "速度",
    controls_help: "运行：用浏览器的真实定时器（低于 ×1 即慢动作）。立即跑完：同一段代码在虚拟时钟上一口气跑完，时间精确。回放：把记录下来的运行按顺序一步步重放；用 ← → 可以自己单步。",
    stepper: "逐步回放",
    first: "第一个事件",
    prev: "上一个事件",
    next: "下一个事件",
    last: "最后一个事件",
    step_of: |i, n| format!("第 {i} 个事件，共 {n} 个"),
    keys_hint: "时间线内：← → 逐步，Home/End 首尾，+ − 缩放，0 全部显示。",
    zoom_in: "放大",
    zoom_out: "缩小",
    zoom: "缩放",
    fit: "全部显示",
    axis_hint: "沿时间轴拖动，可放大选中的区间",
    timeline_label: "运行时间线",
    lanes_label: "泳道",
    legend: "图例",
    show_timers: "显示定时器事件",
    legend_waiting: "等待：从 Pending 到被唤醒",
    legend_instant: "同一毫秒",
    legend_break: "轴断开：省略空闲时间",
    legend_snooze: "唤醒后搁置：被唤醒后 20 毫秒及以上没有被轮询",
    legend_hang: "卡死：再没有任何东西能唤醒这次运行",
    snooze_label: |ms| match ms {
        Some(ms) => format!("唤醒后 {ms:.0} 毫秒未被轮询"),
        None => "唤醒后未被轮询".to_string(),
    },
    hang_label: "卡死",
    hazards: "隐患",
    snooze_why: "负责轮询它的一方当时在忙别的。",
    snooze_sentence: |lane, woken, polled| match polled {
        Some(p) => format!(
            "唤醒后搁置：{lane} 在 t={woken} 毫秒被唤醒，却直到 t={p} 毫秒才被轮询（晚了 {} 毫秒）。",
            p - woken
        ),
        None => format!("唤醒后搁置：{lane} 在 t={woken} 毫秒被唤醒，之后再也没有被轮询。"),
    },
    hang_sentence: |t, waiting| {
        if waiting.is_empty() {
            format!("卡死：在 t={t} 毫秒，没有就绪的任务，也没有待触发的定时器，再没有任何东西能唤醒这次运行。")
        } else {
            format!("卡死：在 t={t} 毫秒，没有就绪的任务，也没有待触发的定时器，再没有任何东西能唤醒这次运行。仍在等待：{waiting}。")
        }
    },
    break_label: |ms| format!("省略 {}", skipped(ms, "毫秒", "秒")),
    detail_none: "选中一个事件（点击标记，或用 ← → 逐步）即可在这里看到它。",
    burst_row: |t| format!("t={t} 毫秒时，依次："),
    burst_title: |n, t| format!("t={t} 毫秒时的 {n} 个事件，按发生顺序依次排开"),
    transcript: "运行记录",
    transcript_empty: "还没有记录。请点“运行”或“立即跑完”。",
    transcript_tab: "运行记录",
    views_label: "代码或运行记录",
    fold_lines_above: |n| format!("上方还有 {n} 行"),
    fold_lines_below: |n| format!("下方还有 {n} 行"),
    fold_steps_before: |n| format!("前面还有 {n} 步"),
    fold_steps_after: |n| format!("后面还有 {n} 步"),
    status_idle: "尚未运行。",
    status_running: |n| format!("运行中… 已记录 {n} 个事件"),
    status_preview: |t, n| {
        format!("上面这组参数在虚拟时钟上的一次运行记录：共 {n} 个事件，到 t={t} 毫秒为止。按“运行”可以实时观看。")
    },
    status_done: |status, t, n, clock| match status {
        Status::Stopped => format!("在 t={t} 毫秒停止，共 {n} 个事件（{clock}）。"),
        Status::Stalled => {
            format!("在 t={t} 毫秒卡住：再也没有谁能唤醒它（共 {n} 个事件，{clock}）。")
        }
        Status::OverLimit => format!("在 t={t} 毫秒触及安全上限而停止（共 {n} 个事件，{clock}）。"),
        Status::Idle | Status::Running | Status::Finished => {
            format!("在 t={t} 毫秒结束，共 {n} 个事件（{clock}）。")
        }
    },
    events_n: |n| format!("共 {n} 个事件"),
    clock_live: "实时时钟",
    clock_virtual: "虚拟时钟",
    line: |n| format!("第 {n} 行"),
    kind_name: |k| match k {
        Kind::Poll => "轮询 → Ready",
        Kind::Pending => "返回 Pending（挂起）",
        Kind::Wake => "唤醒",
        Kind::Yield => "产出",
        Kind::End => "结束：Ready(None)",
        Kind::Body => "循环体",
        Kind::Drop => "丢弃",
        Kind::Cleanup => "清理",
        Kind::Error => "错误",
        Kind::Cancel => "取消",
        Kind::TimerSet => "设置定时器",
        Kind::TimerClear => "清除定时器",
        Kind::Note => "记录",
    },
    lane_state: |s| match s {
        LaneState::NotStarted => "未开始",
        LaneState::Running => "运行自己的代码",
        LaneState::LoopBody => "执行循环体",
        LaneState::AwaitingNext => "等待 next()",
        LaneState::Awaiting => "等待（.await）",
        LaneState::Polled => "正被轮询",
        LaneState::Suspended => "返回 Pending 后挂起",
        LaneState::Woken => "已唤醒，等待轮询",
        LaneState::Yielded => "已产出，等下次轮询",
        LaneState::Finished => "已结束",
        LaneState::Dropped => "已丢弃",
    },
    sentence: |s| {
        let (lane, v) = (s.lane, s.value);
        match s.kind {
            Kind::Poll if v.is_empty() => format!("{lane} 完成：Ready"),
            Kind::Poll => format!("{lane} 完成：Ready({v})"),
            Kind::Pending => format!("{lane} 返回 Pending（挂起）"),
            Kind::Wake => format!("{lane} 被唤醒"),
            Kind::Yield => format!("{lane} 产出 {v}"),
            Kind::End => format!("{lane} 结束：Ready(None)"),
            Kind::Body => format!("{lane} 执行循环体，处理 {v}"),
            Kind::Drop if v == "task" => format!("任务 {lane} 被丢弃"),
            Kind::Drop => format!("{lane} 被丢弃"),
            Kind::Cleanup => format!("{lane}：{v} 的清理运行了（它的 Drop）"),
            Kind::Error => format!("{lane}：出错 {v}"),
            Kind::Cancel => format!("{lane}：取消（{v}）"),
            Kind::TimerSet => format!("{lane} 设置了 {v} 毫秒的定时器"),
            Kind::TimerClear => format!("{lane} 清除了定时器（原定 t={v} 毫秒触发）"),
            Kind::Note => format!("{lane} 记录：{v}"),
        }
    },
    at: |t| format!("t={t} 毫秒"),
    at_precise: |t| format!("t={t:.1} 毫秒"),
    knob_error: KnobError::message_zh,
    on: "开",
    predict: "先预测，再运行",
    predict_pick: "先选一个答案，再运行这个情形。",
    predict_run: "现在运行这个情形，核对你的答案。",
    predict_undecided: "这个情形的运行无法判断。",
    predict_right: "✓ 你的预测与这个情形记录下来的运行一致。",
    predict_wrong: "✗ 这个情形记录下来的运行显示：",
    predict_why_not: "你的选项为什么不对：",
    predict_case: "情形：",
    predict_case_rest: "（其余参数取默认值）",
    predict_case_default: "全部参数取默认值",
    predict_run_case: "运行这个情形",
    predict_show_answer: "显示答案（来自构建页面时记录的一次运行）",
    needs_js: "这次运行是构建页面时用默认参数记录的。要修改参数、重新运行演示，需要启用 JavaScript。",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_read_as_the_brief_says() {
        let s = |lang, kind, lane, value| {
            let t = strings(lang);
            format!(
                "{} — {}",
                (t.at)(200),
                (t.sentence)(Said { lane, kind, value })
            )
        };
        assert_eq!(
            s(Lang::En, Kind::Yield, "gen", "1"),
            "t=200 ms — gen yielded 1"
        );
        assert_eq!(
            s(Lang::Zh, Kind::Yield, "gen", "1"),
            "t=200 毫秒 — gen 产出 1"
        );
        assert_eq!(
            s(Lang::En, Kind::Note, "main", "after loop"),
            "t=200 ms — main: after loop"
        );
        assert_eq!(
            s(Lang::Zh, Kind::Note, "main", "after loop"),
            "t=200 毫秒 — main 记录：after loop"
        );
    }

    #[test]
    fn every_kind_has_a_name_in_both_languages() {
        for lang in Lang::ALL {
            let t = strings(lang);
            for k in Kind::ALL {
                assert!(!t.kind(k).is_empty());
                let said = Said {
                    lane: "gen",
                    kind: k,
                    value: "x",
                };
                assert!((t.sentence)(said).contains("gen"), "{k:?}");
            }
        }
    }
}
