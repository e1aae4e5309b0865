// Plays the learning platform for a trappa SCORM package, with scorm-again (MIT, the npm
// package in tests/) as the runtime: window.API (SCORM 1.2) or window.API_1484_11 (2004),
// every call logged in window.scormLog and listed on the page, nothing sent anywhere.
//   ?version=1.2|2004  &launch=URL of the launch page  &state=JSON the platform kept
// `state` is what a platform hands a second launch: the CMI data of the first (see
// scormState()), so a test can start again in a new browser that has no localStorage.
(function () {
  "use strict";
  var query = new URLSearchParams(location.search);
  var v12 = query.get("version") !== "2004";
  var settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5 };
  var api = v12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
  var names = v12
    ? ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]
    : ["Initialize", "GetValue", "SetValue", "Commit", "Terminate", "GetLastError", "GetErrorString", "GetDiagnostic"];
  var log = (window.scormLog = []);
  names.forEach(function (name) {
    var call = api[name];
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments).map(String);
      var result = call.apply(api, arguments);
      log.push({ call: name, args: args, result: String(result) });
      var list = document.getElementById("calls");
      if (list) {
        var item = document.createElement("li");
        item.textContent = name + "(" + args.map(function (a) { return JSON.stringify(a); }).join(", ") + ") → " + String(result);
        list.appendChild(item);
      }
      return result;
    };
  });
  var kept = query.get("state");
  var learner = query.get("learner") || "Andersson, Kim";
  if (v12) {
    api.loadFromJSON({ core: { student_id: "kim", student_name: learner } });
  } else {
    api.loadFromJSON({ learner_id: "kim", learner_name: learner });
  }
  if (kept) api.loadFromJSON(JSON.parse(kept));
  if (v12) window.API = api;
  else window.API_1484_11 = api;

  // What the platform keeps of the session, as loadFromJSON reads it back.
  window.scormState = function () {
    var cmi = api.cmi;
    if (v12) {
      return JSON.stringify({
        suspend_data: cmi.suspend_data,
        core: { lesson_status: cmi.core.lesson_status, lesson_location: cmi.core.lesson_location, entry: "resume" }
      });
    }
    return JSON.stringify({ suspend_data: cmi.suspend_data, completion_status: cmi.completion_status, location: cmi.location, entry: "resume" });
  };
  // The platform closes the course: the launch page is left.
  window.leaveCourse = function () {
    document.getElementById("sco").src = "about:blank";
  };
  document.addEventListener("DOMContentLoaded", function () {
    var launch = query.get("launch");
    if (launch) document.getElementById("sco").src = launch;
  });
})();
