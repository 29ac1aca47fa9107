// "Find points near me" on the public home and /tim-diem (Features/Portal/Pages/_FindForm.cshtml). The button is hidden
// in the HTML and shown here, so a phone without JavaScript never sees a button that cannot work. The location is asked
// for only when the button is tapped, and only sent as the query of /tim-diem (rounded to about 100 m).
(function () {
    "use strict";
    var button = document.getElementById("near-me");
    var status = document.getElementById("near-me-status");
    if (!button || !status) return;
    button.hidden = false;
    button.addEventListener("click", function () {
        if (!("geolocation" in navigator)) {
            status.textContent = button.getAttribute("data-unsupported");
            return;
        }
        button.disabled = true;
        status.textContent = button.getAttribute("data-asking");
        navigator.geolocation.getCurrentPosition(function (position) {
            var lat = position.coords.latitude.toFixed(3);
            var lon = position.coords.longitude.toFixed(3);
            window.location.href = "/tim-diem?lat=" + encodeURIComponent(lat) + "&lon=" + encodeURIComponent(lon);
        }, function () {
            button.disabled = false;
            status.textContent = button.getAttribute("data-denied");
        }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
    });
})();
