// Refreshes the mesh matrix in place every 5 s; the rest of the page is plain HTML forms.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const matrix = document.getElementById("matrix");
  if (!matrix) return;
  const refresh = () => fetch(matrix.dataset.refresh, { credentials: "same-origin", cache: "no-store" })
    .then(r => r.ok ? r.text() : Promise.reject(r.status))
    .then(html => { matrix.innerHTML = html; matrix.dataset.refreshed = String(Date.now()); })
    .catch(() => {});
  setInterval(refresh, 5000);
});
