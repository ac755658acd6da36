// @ts-check
// The callback fields the wasm result words name by code (the core's Field order; core.js checks
// FIELD_NAMES against the wasm module when the bindings are set).

// The callback's field names by code (the core's Field order, checked against the wasm module
// when the API is made). setField stores with one literal property name per field: V8 keeps
// each store site monomorphic, faster than `cb[name] = v` with ten names at one site.
export const FIELD_NAMES =
  'event,domain,app,stream,user_args,client_ip,node_ip,publish_timestamp,auth_timestamp,auth_sign,event_type,project_id,job_id,task_id,publish_domain,record_format,download_url,play_url,asset_id,file_size,record_duration,start_time,end_time,width,height,obs_location,obs_bucket,obs_object,error_message';
/** @param {Record<string, unknown>} cb @param {number} code @param {unknown} v */
export function setField(cb, code, v) {
  switch (code) {
    case 0:
      cb.event = v;
      break;
    case 1:
      cb.domain = v;
      break;
    case 2:
      cb.app = v;
      break;
    case 3:
      cb.stream = v;
      break;
    case 4:
      cb.user_args = v;
      break;
    case 5:
      cb.client_ip = v;
      break;
    case 6:
      cb.node_ip = v;
      break;
    case 7:
      cb.publish_timestamp = v;
      break;
    case 8:
      cb.auth_timestamp = v;
      break;
    case 9:
      cb.auth_sign = v;
      break;
    case 10:
      cb.event_type = v;
      break;
    case 11:
      cb.project_id = v;
      break;
    case 12:
      cb.job_id = v;
      break;
    case 13:
      cb.task_id = v;
      break;
    case 14:
      cb.publish_domain = v;
      break;
    case 15:
      cb.record_format = v;
      break;
    case 16:
      cb.download_url = v;
      break;
    case 17:
      cb.play_url = v;
      break;
    case 18:
      cb.asset_id = v;
      break;
    case 19:
      cb.file_size = v;
      break;
    case 20:
      cb.record_duration = v;
      break;
    case 21:
      cb.start_time = v;
      break;
    case 22:
      cb.end_time = v;
      break;
    case 23:
      cb.width = v;
      break;
    case 24:
      cb.height = v;
      break;
    case 25:
      cb.obs_location = v;
      break;
    case 26:
      cb.obs_bucket = v;
      break;
    case 27:
      cb.obs_object = v;
      break;
    case 28:
      cb.error_message = v;
      break;
    default:
      throw new Error(`unknown field code ${code} from the wasm module`);
  }
}
