"""Read and write the phone's offline queue (tadamon/queue.js: IndexedDB "tadamon") in tests."""

from playwright.sync_api import Page

_OPEN = """
() => new Promise((resolve, reject) => {
  const request = indexedDB.open("tadamon", 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore("queue", {keyPath: "id"}).createIndex("owner", "owner");
    db.createObjectStore("meta", {keyPath: "name"});
  };
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
})
"""


def owner(page: Page) -> str:
    """The signed-in account's device key, by which the queue marks its items."""
    return page.evaluate("document.documentElement.dataset.device || ''")


def items(page: Page, queue: str | None = None, state: str | None = None) -> list[dict]:
    """The stored items, oldest first, of one queue and state if given (any owner)."""
    found = page.evaluate(
        f"""async () => {{
          const db = await ({_OPEN})();
          const all = await new Promise((resolve, reject) => {{
            const request = db.transaction("queue").objectStore("queue").getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          }});
          db.close();
          return all.sort((a, b) => a.created - b.created);
        }}"""
    )
    return [
        item
        for item in found
        if (queue is None or item["queue"] == queue) and (state is None or item["state"] == state)
    ]


def put(page: Page, *new_items: dict) -> None:
    """Store items as they are (a copy of a stored one, an item of another owner...)."""
    page.evaluate(
        f"""async (list) => {{
          const db = await ({_OPEN})();
          await new Promise((resolve, reject) => {{
            const tx = db.transaction("queue", "readwrite");
            list.forEach(item => tx.objectStore("queue").put(item));
            tx.oncomplete = resolve;
            tx.onerror = () => reject(tx.error);
          }});
          db.close();
        }}""",
        list(new_items),
    )


def waiting_copy(item: dict, **changes) -> dict:
    """The item as if queued again: waiting, with no answer."""
    copy = dict(item, state="waiting", reason="", status=0, answer=None)
    copy.update(changes)
    return copy
