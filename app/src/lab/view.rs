//! [`LabView`]: the editor (sources, adapters, the loop), the check's
//! verdict, the run (the lesson demo panel) and the Python, over one
//! [`Lab`] store.

use lab::check::{check, Place};
use lab::model::{
    Consumer, End, Marble, Pipeline, Source, SourceId, Stage, MAX_SOURCES, MAX_STAGES,
};
use leptos::prelude::*;
use lessons::Lang;

use super::address::{self, Start};
use super::chain::{ConsumerForm, StageChain};
use super::panel;
use super::strings::strings;
use super::track::SourceEditor;
use crate::components::demo::DemoPanel;

/// What a keyboard edit wants focused once the tracks are drawn again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// Marble `i` of source `s`.
    Marble(usize, usize),
    /// The end mark of source `s`.
    End(usize),
}

/// The Lab's one store: the pipeline, and the few things its views share.
#[derive(Clone, Copy)]
pub struct Lab {
    /// What the reader built (it may not pass the check).
    pub pipeline: RwSignal<Pipeline>,
    /// The page language.
    pub lang: Lang,
    /// The selected marble (source, index), whose value and time fields
    /// are shown under its track.
    pub selected: RwSignal<Option<(usize, usize)>>,
    /// Focus to restore after an edit redraws a track.
    pub focus: RwSignal<Option<Focus>>,
}

impl Lab {
    /// Source `i`, if it exists (untracked).
    pub fn source(self, i: usize) -> Option<Source> {
        self.pipeline.with_untracked(|p| p.sources.get(i).cloned())
    }

    /// Replaces source `i`.
    pub fn set_source(self, i: usize, s: Source) {
        // Unchanged (a click that moved nothing): no redraw, no new run.
        if self.source(i).is_none_or(|old| old == s) {
            return;
        }
        self.pipeline.update(|p| p.sources[i] = s);
    }

    /// Marble track `i` with new items and end.
    pub fn set_track(self, i: usize, items: Vec<Marble>, end: End) {
        self.set_source(i, Source::Marbles { items, end });
    }

    /// Adds a source (a short marble track), if there is room; its id.
    pub fn add_source(self) -> Option<SourceId> {
        let mut id = None;
        self.pipeline.update(|p| {
            if p.sources.len() < MAX_SOURCES {
                let n = p.sources.len() as i64;
                p.sources.push(Source::Marbles {
                    items: vec![
                        Marble {
                            at_ms: 30,
                            value: 10 * n,
                        },
                        Marble {
                            at_ms: 80,
                            value: 10 * n + 10,
                        },
                    ],
                    end: End::Complete { at_ms: 100 },
                });
                id = Some((p.sources.len() - 1) as SourceId);
            }
        });
        id
    }

    /// Removes source `i` (not `a`), with the stages that took it; the
    /// stages that took a later source now name it by its new letter.
    pub fn remove_source(self, i: usize) {
        if i == 0 {
            return;
        }
        self.pipeline.update(|p| {
            if i >= p.sources.len() {
                return;
            }
            p.sources.remove(i);
            let gone = i as SourceId;
            p.stages
                .retain(|s| super::params::other_source(s) != Some(gone));
            for s in &mut p.stages {
                if let Some(id) = super::params::other_source(s) {
                    if id > gone {
                        *s = super::params::with_field(s, 0, i64::from(id - 1) - 1);
                    }
                }
            }
        });
        self.selected.set(None);
    }

    /// Adds `stage` at the end of the chain. A stage that takes another
    /// stream gets one no stage uses yet (a new source, if need be).
    pub fn add_stage(self, stage: Stage) {
        if self.pipeline.with_untracked(|p| p.stages.len()) >= MAX_STAGES {
            return;
        }
        let mut stage = stage;
        if super::params::other_source(&stage).is_some() {
            let free = self.pipeline.with_untracked(|p| {
                (1..p.sources.len() as SourceId).find(|id| {
                    !p.stages
                        .iter()
                        .any(|s| super::params::other_source(s) == Some(*id))
                })
            });
            let id = free.or_else(|| self.add_source()).unwrap_or(1);
            stage = super::params::with_field(&stage, 0, i64::from(id) - 1);
        }
        self.pipeline.update(|p| p.stages.push(stage));
    }

    /// Replaces stage `i`.
    pub fn set_stage(self, i: usize, stage: Stage) {
        self.pipeline.update(|p| {
            if let Some(slot) = p.stages.get_mut(i) {
                *slot = stage;
            }
        });
    }

    /// Removes stage `i`.
    pub fn remove_stage(self, i: usize) {
        self.pipeline.update(|p| {
            if i < p.stages.len() {
                p.stages.remove(i);
            }
        });
    }

    /// Swaps stage `i` with the one before (`up`) or after it.
    pub fn move_stage(self, i: usize, up: bool) {
        self.pipeline.update(|p| {
            let j = if up { i.checked_sub(1) } else { Some(i + 1) };
            if let Some(j) = j.filter(|j| *j < p.stages.len()) {
                p.stages.swap(i, j);
            }
        });
    }

    /// Replaces the loop.
    pub fn set_consumer(self, c: Consumer) {
        self.pipeline.update(|p| p.consumer = c);
    }

    /// The check's message for `place`, if it names it (tracked).
    pub fn error_at(self, place: Place) -> Option<String> {
        let zh = self.lang == Lang::Zh;
        self.pipeline
            .with(|p| check(p).err())
            .filter(|e| e.place == place)
            .map(|e| e.message(zh))
    }
}

/// The Lab: the editor, the verdict, the run.
#[component]
pub fn LabView(
    /// The page language.
    lang: Lang,
    /// Where it starts (the address's pipeline, or the first preset and
    /// why).
    start: Start,
) -> impl IntoView {
    let t = strings(lang);
    let lab = Lab {
        pipeline: RwSignal::new(start.pipeline),
        lang,
        selected: RwSignal::new(None),
        focus: RwSignal::new(None),
    };
    let notice = RwSignal::new(start.notice);
    if !crate::is_static() {
        // Every edit is the address (one owner of it on this page).
        Effect::watch(
            move || lab.pipeline.get(),
            move |p, _, _| {
                notice.set(None);
                address::write(p);
            },
            false,
        );
        restore_focus(lab);
    }
    // The run shown: the pipeline, or while it does not pass the check,
    // the last one that did.
    let runnable = Memo::new(move |prev: Option<&Pipeline>| {
        let p = lab.pipeline.get();
        if check(&p).is_ok() {
            p
        } else {
            prev.cloned().unwrap_or_else(address::first_preset)
        }
    });
    let verdict = move || {
        lab.pipeline
            .with(|p| check(p).err())
            .map(|e| (t.blocked)(&e.message(lang == Lang::Zh)))
    };
    let n_sources = Memo::new(move |_| lab.pipeline.with(|p| p.sources.len()));
    let sources = move || {
        (0..n_sources.get())
            .map(|i| view! { <SourceEditor lab i /> })
            .collect_view()
    };
    let panel = move || {
        let p = runnable.get();
        panel::make_current(&p).map(|demo| view! { <DemoPanel demo lang /> })
    };
    let rust_text = Signal::derive(move || {
        runnable.with(|p| lab::rust::rust_code(p).map(|c| c.text).unwrap_or_default())
    });
    let python = move || {
        let code = runnable.with(lab::python::python_code)?;
        let rows = code
            .lines()
            .map(|l| view! { <span class="code-row"><span class="code-src" inner_html=panel::highlight_python(l)></span>"\n"</span> })
            .collect_view();
        let text = Signal::stored(code.clone());
        Some(view! {
            <section class="lab-python" aria-labelledby="lab-python-h">
                <div class="lab-code-head">
                    <h3 id="lab-python-h">{t.python}</h3>
                    <CopyButton lang text />
                </div>
                <pre class="code" tabindex="0"><code>{rows}</code></pre>
            </section>
        })
    };
    view! {
        <div class="lab-view">
            <PresetMenu lang />
            <p class="lab-notice" role="alert" hidden=move || notice.with(Option::is_none)>
                {move || notice.get()}
            </p>
            <div class="lab-editor">
                <section class="lab-sources" aria-labelledby="lab-sources-h">
                    <h2 id="lab-sources-h">{t.sources}</h2>
                    <p class="lab-track-help" id=super::track::TRACK_HELP_ID>
                        {t.track_help}
                    </p>
                    {sources}
                    <button
                        type="button"
                        class="lab-button lab-add-source"
                        disabled=move || { n_sources.get() >= MAX_SOURCES }
                        on:click=move |_| {
                            lab.add_source();
                        }
                    >
                        "+ "
                        {t.add_source}
                    </button>
                </section>
                <section class="lab-chain" aria-labelledby="lab-stages-h">
                    <h2 id="lab-stages-h">{t.stages}</h2>
                    <StageChain lab />
                    <ConsumerForm lab />
                </section>
            </div>
            <p
                class="lab-verdict"
                class:blocked=move || verdict().is_some()
                role="status"
                aria-live="polite"
            >
                {move || verdict().unwrap_or_else(|| t.ready.to_string())}
            </p>
            <section class="lab-run" aria-labelledby="lab-run-h">
                <div class="lab-code-head">
                    <h2 id="lab-run-h">{t.run_heading}</h2>
                    <CopyButton lang text=rust_text label=t.copy_rust />
                </div>
                {panel}
                {python}
            </section>
        </div>
    }
}

/// After an edit by key redraws a track, focuses what the key moved.
fn restore_focus(lab: Lab) {
    Effect::watch(
        move || lab.pipeline.track(),
        move |_, _, _| {
            // Once: a later edit by mouse or menu keeps its own focus.
            let Some(want) = lab.focus.get_untracked() else {
                return;
            };
            lab.focus.set(None);
            let selector = match want {
                Focus::Marble(s, i) => format!("[data-src=\"{s}\"] [data-m=\"{i}\"]"),
                Focus::End(s) => format!("[data-src=\"{s}\"] .lab-end"),
            };
            // After the redraw this change causes.
            request_animation_frame(move || {
                if let Some(el) = crate::client::document()
                    .and_then(|d| d.query_selector(&selector).ok().flatten())
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let _ = el.focus();
                }
            });
        },
        false,
    );
}

/// Copies `text` to the clipboard, and says so for a moment.
#[component]
fn CopyButton(
    lang: Lang,
    /// What to copy.
    #[prop(into)]
    text: Signal<String>,
    /// The button's words (default: "Copy").
    #[prop(optional)]
    label: Option<&'static str>,
) -> impl IntoView {
    let t = strings(lang);
    let done = RwSignal::new(false);
    let copy = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let promise = window
            .navigator()
            .clipboard()
            .write_text(&text.get_untracked());
        leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                done.set(true);
                gloo_timers::future::TimeoutFuture::new(1500).await;
                done.set(false);
            }
        });
    };
    view! {
        <button type="button" class="lab-button lab-copy" on:click=copy>
            {move || if done.get() { t.copied } else { label.unwrap_or(t.copy) }}
        </button>
    }
}

/// The presets as a menu: choosing one opens its address (each is a link
/// too, above).
#[component]
fn PresetMenu(lang: Lang) -> impl IntoView {
    let t = strings(lang);
    let chosen = RwSignal::new(String::new());
    let open = move |_| {
        if let (Some(p), Some(w)) = (
            lab::presets::by_id(&chosen.get_untracked()),
            web_sys::window(),
        ) {
            let _ = w.location().set_search(p.query);
        }
    };
    let options = lab::presets::PRESETS
        .iter()
        .map(|p| {
            let title = match lang {
                Lang::En => p.title_en,
                Lang::Zh => p.title_zh,
            };
            view! { <option value=p.id>{title.replace('`', "")}</option> }
        })
        .collect_view();
    view! {
        <div class="lab-preset-menu">
            <label class="lab-field">
                <span>{t.preset_menu}</span>
                <select class="lab-control" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="" selected>{t.preset_pick}</option>
                    {options}
                </select>
            </label>
            <button
                type="button"
                class="lab-button"
                disabled=move || chosen.with(String::is_empty)
                on:click=open
            >
                {t.open}
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lab::url::{from_query, to_query};

    fn with_lab(query: &str, f: impl FnOnce(Lab)) {
        let owner = Owner::new();
        owner.with(|| {
            let lab = Lab {
                pipeline: RwSignal::new(from_query(query).expect("a pipeline")),
                lang: Lang::En,
                selected: RwSignal::new(None),
                focus: RwSignal::new(None),
            };
            f(lab);
        });
    }

    fn query(lab: Lab) -> String {
        lab.pipeline.with_untracked(to_query)
    }

    #[test]
    fn a_two_stream_stage_takes_a_free_source_or_makes_one() {
        with_lab("a=-1-2%7C&b=--5%7C&p=zip:b", |lab| {
            lab.add_stage(Stage::Select(1));
            assert_eq!(
                query(lab),
                "a=-1-2%7C&b=--5%7C&c=---(20)----(30)-%7C&p=zip:b.select:c"
            );
            assert!(
                check(&lab.pipeline.get_untracked()).is_err(),
                "zip makes pairs: select needs ints"
            );
            lab.move_stage(1, true);
            assert_eq!(
                query(lab),
                "a=-1-2%7C&b=--5%7C&c=---(20)----(30)-%7C&p=select:c.zip:b"
            );
            lab.add_stage(Stage::Chain(1));
            assert_eq!(
                lab.pipeline.with_untracked(|p| p.sources.len()),
                3,
                "no fourth source: the stage names b, and the check says why"
            );
        });
    }

    #[test]
    fn removing_a_source_removes_its_stages_and_renames_the_later_one() {
        with_lab(
            "a=-1-2%7C&b=--5%7C&c=---7%7C&p=zip:b.map:x.select:c",
            |lab| {
                lab.remove_source(1);
                assert_eq!(query(lab), "a=-1-2%7C&b=---7%7C&p=map:x.select:b");
                assert!(check(&lab.pipeline.get_untracked()).is_ok());
                lab.remove_source(0);
                assert_eq!(
                    lab.pipeline.with_untracked(|p| p.sources.len()),
                    2,
                    "a stays"
                );
            },
        );
    }
}
