//! An async load whose answer lands in a signal, loaded again on [`Loader::reload`].
//! The list and the organization's settings need no more than this from Leptos's
//! `LocalResource` (no suspense, no transition), whose machinery cost 8 KB more of
//! gzipped wasm for the list's two loads.

use std::future::Future;
use std::rc::Rc;

use futures::future::LocalBoxFuture;
use leptos::prelude::*;

type Fetch<T> = Rc<dyn Fn() -> LocalBoxFuture<'static, T>>;

/// The answer of the latest load, `None` until the first is in. The last answer stays
/// while a reload runs; an answer to a load that a later one replaced is dropped.
pub struct Loader<T: Send + Sync + 'static> {
    answer: RwSignal<Option<T>>,
    /// Counts the loads started; an answer lands only if no later load started.
    started: StoredValue<u32>,
    fetch: StoredValue<Fetch<T>, LocalStorage>,
}

impl<T: Send + Sync + 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Loader<T> {}

impl<T: Clone + Send + Sync + 'static> Loader<T> {
    /// A loader that has not loaded yet: call [`Loader::reload`] to start.
    pub fn new<Fut: Future<Output = T> + 'static>(fetch: impl Fn() -> Fut + 'static) -> Self {
        let fetch: Fetch<T> = Rc::new(move || Box::pin(fetch()));
        Loader {
            answer: RwSignal::new(None),
            started: StoredValue::new(0),
            fetch: StoredValue::new_local(fetch),
        }
    }

    /// Starts a load; the answer of any earlier one still under way is dropped.
    pub fn reload(self) {
        let Some(fetch) = self.fetch.try_get_value() else {
            return;
        };
        let load = self.started.get_value().wrapping_add(1);
        self.started.set_value(load);
        let future = fetch();
        leptos::task::spawn_local(async move {
            let answer = future.await;
            if self.started.try_get_value() == Some(load) {
                self.answer.try_set(Some(answer));
            }
        });
    }

    /// The latest answer (tracked).
    pub fn get(self) -> Option<T> {
        self.answer.get()
    }

    /// Reads the latest answer in place (tracked), without cloning it.
    pub fn with<R>(self, read: impl FnOnce(Option<&T>) -> R) -> R {
        self.answer.with(|answer| read(answer.as_ref()))
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use futures::channel::oneshot;
    use std::cell::RefCell;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Lets the spawned loads run.
    async fn next_task() {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }

    // Guards the list against a stale answer: after Retry or the page's refresh(), an
    // older load that answers last must not replace what the newer one loaded.
    #[wasm_bindgen_test]
    async fn an_answer_to_a_load_that_a_later_one_replaced_is_dropped() {
        let _ = any_spawner::Executor::init_wasm_bindgen();
        let owner = Owner::new();
        owner.set();
        let answers = Rc::new(RefCell::new(Vec::new()));
        let loader = Loader::new({
            let answers = answers.clone();
            move || {
                let (answer, asked) = oneshot::channel::<&'static str>();
                answers.borrow_mut().push(answer);
                async move { asked.await.unwrap_or("never answered") }
            }
        });
        let now = || untrack(|| loader.get());
        assert_eq!(now(), None, "nothing before the first load");
        loader.reload();
        loader.reload();
        let later = answers.borrow_mut().pop().unwrap();
        let earlier = answers.borrow_mut().pop().unwrap();
        later.send("later").unwrap();
        next_task().await;
        assert_eq!(now(), Some("later"));
        earlier.send("earlier").unwrap();
        next_task().await;
        assert_eq!(now(), Some("later"), "the replaced load's answer landed");

        loader.reload();
        next_task().await;
        assert_eq!(now(), Some("later"), "kept while the reload runs");
        answers.borrow_mut().pop().unwrap().send("again").unwrap();
        next_task().await;
        assert_eq!(now(), Some("again"));
    }
}
