//! A windowed list: only the rows in view (plus a margin) are in the DOM,
//! so a view of 10,000 activities scrolls as smoothly as one of ten.
//! Rows have one fixed height; anything taller opens outside the list.

use leptos::prelude::*;

/// Rows rendered beyond the visible ones, above and below.
const OVERSCAN: usize = 1;

#[component]
pub fn VirtualList<T, R, V>(
    #[prop(into)] rows: Signal<Vec<T>>,
    /// Row height in pixels; must match the CSS of the rows.
    row_height: f64,
    /// Height of the scrolling area in pixels.
    viewport: f64,
    render: R,
    /// Accessible name of the list.
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    R: Fn(usize, T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let scroll_top = RwSignal::new(0.0f64);
    let total = move || rows.with(Vec::len);
    let window = move || {
        let first = (scroll_top.get() / row_height).floor() as usize;
        let start = first.saturating_sub(OVERSCAN);
        let visible = (viewport / row_height).ceil() as usize + 2 * OVERSCAN;
        (start, (start + visible).min(total()))
    };
    let on_scroll = move |ev: leptos::ev::Event| {
        let top = event_target::<web_sys::Element>(&ev).scroll_top() as f64;
        scroll_top.set(top);
    };
    view! {
        <div
            class="vlist"
            role="list"
            aria-label=move || label.get()
            style:height=move || format!("{}px", (total() as f64 * row_height).min(viewport))
            on:scroll=on_scroll
        >
            <div class="vlist__space" style:height=move || format!("{}px", total() as f64 * row_height)>
                <div class="vlist__window" style:transform=move || format!("translateY({}px)", window().0 as f64 * row_height)>
                    {move || {
                        let (start, end) = window();
                        let render = render.clone();
                        rows.with(|rows| {
                            rows[start.min(rows.len())..end.min(rows.len())]
                                .iter()
                                .cloned()
                                .enumerate()
                                .map(|(offset, row)| {
                                    view! {
                                        <div role="listitem" class="vlist__row" style:height=format!("{row_height}px")>
                                            {render(start + offset, row)}
                                        </div>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </div>
            </div>
        </div>
    }
}
