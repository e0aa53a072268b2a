//! Every string the Lab's own controls show, in both languages: one field
//! per string, one `const` per language (a string missing in either is a
//! compile error). Code (`x * 2`, `map`, `|`) is never translated.
//!
//! Not here: the demo panel's strings (`components::demo::strings`), the
//! messages of the model's checks (`lab::check`, `lab::marbles`,
//! `lab::url`, which word them in both languages themselves).

use lessons::Lang;

use super::params::{Group, Param};

/// The Lab's strings in one language.
#[derive(Debug)]
pub struct Strings {
    /// The page's title.
    pub title: &'static str,
    /// What the Lab is, first paragraph.
    pub intro: &'static str,
    /// What it runs: real adapters, and closures from a menu only.
    pub intro_real: &'static str,
    /// Without JavaScript.
    pub needs_js: &'static str,
    /// Heading of the presets.
    pub presets: &'static str,
    /// The preset menu's label.
    pub preset_menu: &'static str,
    /// The preset menu's first, empty option.
    pub preset_pick: &'static str,
    /// Heading of the sources.
    pub sources: &'static str,
    /// A source's heading: its name.
    pub source: fn(char) -> String,
    /// The source kind menu's label.
    pub source_kind: &'static str,
    /// Source kinds: marbles, counter, unfold.
    pub kinds: [&'static str; 3],
    /// Add a source.
    pub add_source: &'static str,
    /// Remove source `x`.
    pub remove_source: fn(char) -> String,
    /// A track's accessible name: source name.
    pub track_label: fn(char) -> String,
    /// How to use a track (its description).
    pub track_help: &'static str,
    /// A marble's accessible name: value, ms.
    pub marble_label: fn(i64, u32) -> String,
    /// The end mark's accessible name: ms.
    pub end_label: fn(u32) -> String,
    /// The error mark's accessible name: ms.
    pub error_label: fn(u32) -> String,
    /// Add an item to a track.
    pub add_item: &'static str,
    /// The selected item: its number (from 1).
    pub item: fn(usize) -> String,
    /// The value field.
    pub value: &'static str,
    /// The time field.
    pub time_ms: &'static str,
    /// Remove the selected item.
    pub remove_item: &'static str,
    /// How a track ends: the menu's label.
    pub ends_with: &'static str,
    /// The ends: `|`, `✕`, never.
    pub ends: [&'static str; 3],
    /// The marble text field's label.
    pub marble_text: &'static str,
    /// A counter's or an unfold's track's accessible name: source name.
    pub fixed_track_label: fn(char) -> String,
    /// Under a counter's track: period, items.
    pub counter_note: fn(u32, u32) -> String,
    /// After it, when some items are past the axis or too many to draw.
    pub not_drawn: fn(u32) -> String,
    /// Under an unfold's track: time per item, items.
    pub unfold_note: fn(u32, u32) -> String,
    /// Counter / unfold: the period.
    pub period: &'static str,
    /// Counter / unfold: how many items.
    pub count: &'static str,
    /// Unfold: the time to make one item.
    pub delay: &'static str,
    /// Heading of the stages.
    pub stages: &'static str,
    /// When there are none.
    pub no_stages: &'static str,
    /// The add-a-stage menu's label.
    pub add_stage: &'static str,
    /// Its first, empty option.
    pub add_stage_pick: &'static str,
    /// The button that adds the chosen adapter.
    pub add: &'static str,
    /// The button that opens the chosen preset.
    pub open: &'static str,
    /// The menu's groups.
    pub group: fn(Group) -> &'static str,
    /// A parameter's label.
    pub param: fn(Param) -> &'static str,
    /// Stage buttons.
    pub move_up: &'static str,
    /// Stage buttons.
    pub move_down: &'static str,
    /// Stage buttons.
    pub remove_stage: &'static str,
    /// A stage's accessible name: number, method.
    pub stage_label: fn(usize, &str) -> String,
    /// Heading of the consumer.
    pub consumer: &'static str,
    /// The loop body's time.
    pub body_ms: &'static str,
    /// `break` after N items (0: never).
    pub break_after: &'static str,
    /// Under `break after`: 0 means the loop runs to the end.
    pub break_hint: &'static str,
    /// The status when the pipeline runs.
    pub ready: &'static str,
    /// The status when it does not: the reason.
    pub blocked: fn(&str) -> String,
    /// Heading of the Python.
    pub python: &'static str,
    /// Heading of the run.
    pub run_heading: &'static str,
    /// Copy the code.
    pub copy: &'static str,
    /// Copy the Rust.
    pub copy_rust: &'static str,
    /// After copying.
    pub copied: &'static str,
    /// Milliseconds unit.
    pub ms: &'static str,
}

const EN: Strings = Strings {
    title: "Stream Lab",
    intro: "Build a pipeline of async streams and watch it run. Put items on the source tracks, chain \
            adapters such as map, filter, zip, select or buffer_unordered, and press Run: the timeline \
            shows every poll, every Pending, which wake started the next poll, what each take or break \
            dropped and when the cleanup ran.",
    intro_real: "Nothing here is simulated: each stage is the real adapter from the futures crate, polled \
                 on the same recorder as the lessons, and the Rust below is the code that builds the same \
                 pipeline, ready to copy. Closures come from small menus (x * 2, x % 2 == 0, acc + x …), \
                 not free text: the Lab runs no code you type. The whole pipeline lives in the address, \
                 so a link shares it.",
    needs_js: "Composing a pipeline needs JavaScript. Without it you can read the example below — its \
               Rust code and its recorded run — and open the presets.",
    presets: "Presets",
    preset_menu: "Start from a preset",
    preset_pick: "Choose a preset…",
    sources: "Sources",
    source: |c| format!("Source {c}"),
    source_kind: "Kind",
    kinds: ["marbles (values at set times)", "counter", "unfold (made on demand)"],
    add_source: "Add a source",
    remove_source: |c| format!("Remove source {c}"),
    track_label: |c| format!("Track of source {c}"),
    track_help: "Drag an item along the track, or click or tap an empty spot to add one. With the keyboard: \
                 ←/→ move the focused item by 10 ms (Shift: 100 ms), + and − change its value, Delete \
                 removes it.",
    marble_label: |v, ms| format!("item {v} at {ms} ms"),
    end_label: |ms| format!("end at {ms} ms"),
    error_label: |ms| format!("error at {ms} ms"),
    add_item: "Add an item",
    item: |n| format!("Item {n}"),
    value: "value",
    time_ms: "at (ms)",
    remove_item: "Remove item",
    ends_with: "Ends with",
    ends: ["| end", "✕ error", "nothing (never ends)"],
    marble_text: "Marble text",
    fixed_track_label: |c| format!("Track of source {c} (read-only)"),
    counter_note: |p, n| {
        format!(
            "Item k (0, 1, 2 …) is ready at (k + 1) × {p} ms, or when it is polled if that is later; \
             after {n} items the stream ends. Read-only: change it with the fields below."
        )
    },
    not_drawn: |n| format!("{n} more items come later and are not drawn."),
    unfold_note: |d, n| {
        format!(
            "Each item is made {d} ms after the poll that asks for it; {n} items (0, 1, 2 …), then the \
             stream ends. When they arrive depends on who polls and when, so no times are drawn here: \
             run it and read the timeline. Change it with the fields below."
        )
    },
    period: "period (ms)",
    count: "items",
    delay: "time per item (ms)",
    stages: "Adapters",
    no_stages: "No adapters: the loop reads source a directly.",
    add_stage: "Add an adapter",
    add_stage_pick: "Choose an adapter…",
    add: "Add",
    open: "Open",
    group: |g| match g {
        Group::Transform => "Transform",
        Group::Limit => "Limit and stop",
        Group::Combine => "Combine streams",
        Group::Reshape => "Nest and group",
        Group::Concurrency => "Concurrency",
        Group::Other => "Other",
    },
    param: |p| match p {
        Param::Closure => "closure",
        Param::Test => "test",
        Param::Fold => "step",
        Param::K => "k",
        Param::N => "n",
        Param::DelayKind => "wait",
        Param::DelayMs => "ms",
        Param::Other => "other stream",
        Param::Jobs => "jobs at once",
        Param::InnerCount => "items each",
        Param::InnerMs => "ms apart",
        Param::Init => "start value",
        Param::Deadline => "deadline (ms)",
    },
    move_up: "Move up",
    move_down: "Move down",
    remove_stage: "Remove",
    stage_label: |n, m| format!("Adapter {n}: {m}"),
    consumer: "The loop",
    body_ms: "body takes (ms)",
    break_after: "break after (items)",
    break_hint: "0: run to the end",
    ready: "The pipeline type-checks and runs.",
    blocked: |why| format!("This pipeline cannot run. {why} The run below is of the last pipeline that could."),
    python: "Python",
    run_heading: "The run and the code",
    copy: "Copy",
    copy_rust: "Copy the Rust",
    copied: "Copied",
    ms: "ms",
};

const ZH: Strings = Strings {
    title: "实验台",
    intro: "在这里搭一条由异步流组成的流水线，看它怎样运行。在源的轨道上摆好数据项，串起 map、filter、zip、\
            select、buffer_unordered 等适配器，再按“运行”：时间线会画出每一次轮询、每一个 Pending、是哪次唤醒\
            引出了下一次轮询、take 或 break 丢弃了什么，以及清理在何时执行。",
    intro_real: "这里没有任何模拟：每个适配器都是 futures crate 里真正的那个，由课程所用的同一个记录器来轮询；\
                 下方的 Rust 代码就是搭出同一条流水线的代码，可以直接复制。闭包从小菜单里选（x * 2、\
                 x % 2 == 0、acc + x……），不能自由输入：实验台不运行你敲进来的代码。整条流水线都记在地址里，\
                 发个链接就能分享。",
    needs_js: "搭建流水线需要 JavaScript。关闭时仍可阅读下面的示例（它的 Rust 代码和记录下来的运行过程），\
               也可以打开各个预设。",
    presets: "预设",
    preset_menu: "从预设开始",
    preset_pick: "选择一个预设…",
    sources: "源",
    source: |c| format!("源 {c}"),
    source_kind: "类型",
    kinds: ["弹珠（在指定时间到达的值）", "计数器", "unfold（按需生成）"],
    add_source: "添加一个源",
    remove_source: |c| format!("删除源 {c}"),
    track_label: |c| format!("源 {c} 的轨道"),
    track_help: "沿轨道拖动数据项，或点击空白处添加一项。用键盘：←/→ 把选中的项移动 10 毫秒（按住 Shift \
                 为 100 毫秒），+ 和 − 修改它的值，Delete 删除它。",
    marble_label: |v, ms| format!("{ms} 毫秒处的数据项 {v}"),
    end_label: |ms| format!("{ms} 毫秒处结束"),
    error_label: |ms| format!("{ms} 毫秒处出错"),
    add_item: "添加一项",
    item: |n| format!("第 {n} 项"),
    value: "值",
    time_ms: "时间（毫秒）",
    remove_item: "删除此项",
    ends_with: "结尾",
    ends: ["| 结束", "✕ 出错", "无（永不结束）"],
    marble_text: "弹珠文本",
    fixed_track_label: |c| format!("源 {c} 的轨道（只读）"),
    counter_note: |p, n| {
        format!(
            "第 k 项（值为 k：0、1、2……）在 (k + 1) × {p} 毫秒时就绪；如果轮询来得更晚，就在被轮询时就绪。\
             {n} 项之后流结束。这条轨道只读：用下方的输入框修改。"
        )
    },
    not_drawn: |n| format!("后面还有 {n} 项，没有画出。"),
    unfold_note: |d, n| {
        format!(
            "每当有轮询来要下一项，它就在 {d} 毫秒后产出一项；共 {n} 项（值为 0、1、2……），之后流结束。\
             何时到达取决于谁在何时轮询它，所以这里不画时间：运行一下，看时间线。用下方的输入框修改。"
        )
    },
    period: "间隔（毫秒）",
    count: "项数",
    delay: "每项耗时（毫秒）",
    stages: "适配器",
    no_stages: "还没有适配器：循环直接读取源 a。",
    add_stage: "添加适配器",
    add_stage_pick: "选择一个适配器…",
    add: "添加",
    open: "打开",
    group: |g| match g {
        Group::Transform => "变换",
        Group::Limit => "截取与停止",
        Group::Combine => "合并多个流",
        Group::Reshape => "嵌套与分组",
        Group::Concurrency => "并发",
        Group::Other => "其他",
    },
    param: |p| match p {
        Param::Closure => "闭包",
        Param::Test => "条件",
        Param::Fold => "累积",
        Param::K => "k",
        Param::N => "n",
        Param::DelayKind => "等待",
        Param::DelayMs => "毫秒",
        Param::Other => "另一个流",
        Param::Jobs => "同时进行",
        Param::InnerCount => "每项展开为",
        Param::InnerMs => "间隔（毫秒）",
        Param::Init => "初始值",
        Param::Deadline => "时限（毫秒）",
    },
    move_up: "上移",
    move_down: "下移",
    remove_stage: "删除",
    stage_label: |n, m| format!("第 {n} 个适配器：{m}"),
    consumer: "消费循环",
    body_ms: "循环体耗时（毫秒）",
    break_after: "几项后 break",
    break_hint: "0：一直运行到流结束",
    ready: "流水线通过了类型检查，可以运行。",
    blocked: |why| format!("这条流水线无法运行。{why} 下面显示的是上一条能运行的流水线。"),
    python: "Python",
    run_heading: "运行过程与代码",
    copy: "复制",
    copy_rust: "复制 Rust 代码",
    copied: "已复制",
    ms: "毫秒",
};

/// The Lab's strings in `lang`.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}
