//! The root component: opens storage, then shows the shell with its routes,
//! or a page that says clearly why storage cannot be used.

use dela_core::agenda::Days;
use dela_core::record::CardKind;
use leptos::prelude::*;
use leptos_router::any_nested_route::IntoAnyNestedRoute;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, ChooseView};

use crate::components::header::Header;
use crate::components::load::load;
use crate::errors::{reload, AppAlerts, StorageAlert};
use crate::i18n::{tr, Key, Lang};
use crate::labels::Label;
use crate::pages::automation::{OutboxPage, PipelinesPage};
use crate::pages::companies::{CompaniesPage, CompanyCardPage, CompanyFormPage};
use crate::pages::contacts::{ContactCardPage, ContactFormPage, ContactsPage};
use crate::pages::deals::{DealCardPage, DealFormPage, DealsPage};
use crate::pages::invoices::{InvoiceCardPage, InvoiceFormPage, InvoicesPage};
use crate::pages::leads::{LeadCardPage, LeadFormPage, LeadsPage};
use crate::pages::my_activities::{first_rows, ActivitiesPage};
use crate::pages::notifications::NotificationsPage;
use crate::pages::pool::PoolPage;
use crate::pages::settings::SettingsPage;
use crate::pages::tasks::{ProjectPage, ProjectsPage, TaskCardPage, TaskNewPage, TasksPage};
use crate::pages::NotFoundPage;
use crate::routes::paths;
use crate::session::{Boot, Session};
use crate::store::{agenda, automation, codec, org, pipelines, schema, users, Store, StoreError};
use crate::zone::BrowserZone;
use crate::{clock, connectivity, scheduler, service_worker};

async fn boot(lang: Lang, blocked: RwSignal<bool>, outdated: RwSignal<bool>) -> Result<Boot, StoreError> {
    let store = Store::open(schema::NAME, move || blocked.set(true)).await?;
    crate::perf::mark("dela:db-open");
    blocked.set(false);
    store.when_outdated(move || outdated.set(true))?;
    let user = users::ensure_current(&store, Key::DefaultUserName.text(lang), clock::now()).await?;
    // The rest is read at once, with what the first view of My activities
    // shows when the app opens on it: the user's counters (one record) and
    // first rows.
    let days = Days::at(clock::now(), &BrowserZone);
    let pipelines = async {
        pipelines::ensure_default(&store, Key::Sales.text(lang), |stage| stage.label().text(lang).to_owned())
            .await?;
        pipelines::all(&store).await
    };
    // Without counters or first rows the app still works: pages read them
    // again.
    let counts = async { Ok(agenda::counts(&store, std::slice::from_ref(&user.id), &days).await.ok()) };
    let first_rows = async {
        let path = web_sys::window().and_then(|window| window.location().pathname().ok());
        Ok(match path.as_deref() {
            Some("/") => first_rows(&store, &user).await.ok(),
            _ => None,
        })
    };
    let (pipelines, setup, team, org, counts, first_rows) = futures::try_join!(
        pipelines,
        automation::setup(&store),
        users::list(&store),
        org::get(&store),
        counts,
        first_rows
    )?;
    if counts.is_some() {
        crate::perf::mark("dela:counts-read");
    }
    crate::perf::mark("dela:booted");
    Ok(Boot { store, user, team, pipelines, setup, org, counts, first_rows })
}

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::initial());
    lang.get_untracked().persist();
    provide_context(lang);
    let (blocked, outdated) = (RwSignal::new(false), RwSignal::new(false));
    let damaged = RwSignal::new(Vec::<StoreError>::new());
    codec::on_damaged(move |error| damaged.update(|all| all.push(error.clone())));
    let booted = load(move || boot(lang.get_untracked(), blocked, outdated));
    move || match booted.get() {
        None => view! { <BootScreen blocked /> }.into_any(),
        Some(Ok(boot)) => view! { <Shell boot outdated damaged /> }.into_any(),
        Some(Err(error)) => view! { <StorageProblem error /> }.into_any(),
    }
}

#[component]
fn BootScreen(blocked: RwSignal<bool>) -> impl IntoView {
    view! {
        <main class="boot">
            <h1>{tr(Key::Product)}</h1>
            <p role="status">
                {move || if blocked.get() { tr(Key::StorageBlocked)() } else { tr(Key::Loading)() }}
            </p>
        </main>
    }
}

#[component]
fn StorageProblem(error: StoreError) -> impl IntoView {
    view! {
        <main class="boot">
            <h1>{tr(Key::StorageTitle)}</h1>
            <StorageAlert error />
            <button class="button" on:click=|_| reload()>{tr(Key::Reload)}</button>
        </main>
    }
}

/// The pages of a kind of card at the paths of the route table: the list,
/// the card, and the form, for a new card and to edit one.
#[component(transparent)]
fn CardRoutes<List, Card, Form>(
    kind: CardKind,
    list: List,
    card: Card,
    form: Form,
) -> impl leptos_router::MatchNestedRoutes + Clone
where
    List: ChooseView + Clone + 'static,
    Card: ChooseView + Clone + 'static,
    Form: ChooseView + Clone + 'static,
{
    view! {
        <Route path=paths::list(kind) view=list />
        <Route path=paths::new(kind) view=form.clone() />
        <Route path=paths::card(kind) view=card />
        <Route path=paths::edit(kind) view=form />
    }
    .into_inner()
    .into_any_nested_route()
}

#[component]
fn Shell(boot: Boot, outdated: RwSignal<bool>, damaged: RwSignal<Vec<StoreError>>) -> impl IntoView {
    let session = Session::new(boot);
    provide_context(session);
    let online = connectivity::watch();
    service_worker::register();
    scheduler::start(session);
    view! {
        <Router>
            <Header online />
            <main id="main" class="page">
                <AppAlerts outdated damaged />
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=ActivitiesPage />
                    <CardRoutes kind=CardKind::Deal list=DealsPage card=DealCardPage form=DealFormPage />
                    <CardRoutes kind=CardKind::Lead list=LeadsPage card=LeadCardPage form=LeadFormPage />
                    <CardRoutes kind=CardKind::Contact list=ContactsPage card=ContactCardPage form=ContactFormPage />
                    <CardRoutes kind=CardKind::Company list=CompaniesPage card=CompanyCardPage form=CompanyFormPage />
                    <CardRoutes kind=CardKind::Invoice list=InvoicesPage card=InvoiceCardPage form=InvoiceFormPage />
                    <Route path=path!("/tasks") view=TasksPage />
                    <Route path=path!("/tasks/new") view=TaskNewPage />
                    <Route path=path!("/tasks/:id") view=TaskCardPage />
                    <Route path=path!("/projects") view=ProjectsPage />
                    <Route path=path!("/projects/:id") view=ProjectPage />
                    <Route path=path!("/pool") view=PoolPage />
                    <Route path=path!("/notifications") view=NotificationsPage />
                    <Route path=path!("/settings") view=SettingsPage />
                    <Route path=path!("/pipelines") view=PipelinesPage />
                    <Route path=path!("/outbox") view=OutboxPage />
                </Routes>
            </main>
        </Router>
    }
}
