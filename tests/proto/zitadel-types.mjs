// Checks HTTP exchanges against ZITADEL's own message types: the protobuf-es descriptors
// of npm `@zitadel/proto`, read strictly (`fromJson` without `ignoreUnknownFields`, so a
// field or enum name ZITADEL does not have is an error). Which message belongs to which
// method and path comes from the services' own `google.api.http` annotations, so
// operations outside the OpenAPI subset (AddCustomLoginPolicy) are covered too.
import { create, createFileRegistry, createRegistry, fromJson, getOption, hasOption } from '@bufbuild/protobuf';
import { file_google_protobuf_any, FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { http } from '@zitadel/proto/google/api/annotations_pb.js';
import { AuthService } from '@zitadel/proto/zitadel/auth_pb.js';
import { ManagementService } from '@zitadel/proto/zitadel/management_pb.js';
import { ErrorDetailSchema } from '@zitadel/proto/zitadel/message_pb.js';
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';

// The gateway mounts each service under its prefix (v2 paths are absolute already).
const SERVICES = [
  [AuthService, '/auth/v1'],
  [ManagementService, '/management/v1'],
  [UserService, ''],
];

// google.rpc.Status, the gateway's error body; `@zitadel/proto` does not ship it, so
// it is declared here as google/rpc/status.proto has it.
const TYPE_INT32 = 5;
const TYPE_STRING = 9;
const TYPE_MESSAGE = 11;
const OPTIONAL = 1;
const REPEATED = 3;
const statusFile = create(FileDescriptorProtoSchema, {
  name: 'google/rpc/status.proto',
  package: 'google.rpc',
  dependency: ['google/protobuf/any.proto'],
  syntax: 'proto3',
  messageType: [{
    name: 'Status',
    field: [
      { name: 'code', number: 1, type: TYPE_INT32, label: OPTIONAL, jsonName: 'code' },
      { name: 'message', number: 2, type: TYPE_STRING, label: OPTIONAL, jsonName: 'message' },
      { name: 'details', number: 3, type: TYPE_MESSAGE, label: REPEATED, typeName: '.google.protobuf.Any', jsonName: 'details' },
    ],
  }],
});
const StatusSchema = createFileRegistry(statusFile, () => file_google_protobuf_any).getMessage('google.rpc.Status');
// The only message ZITADEL puts into an error's details.
const ERROR_DETAILS = createRegistry(ErrorDetailSchema);

/** Every annotated operation: method, a path matcher, the path variables, the body rule. */
function operations() {
  const all = [];
  for (const [service, prefix] of SERVICES) {
    for (const method of service.methods) {
      if (!hasOption(method, http)) continue;
      const rule = getOption(method, http);
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(rule.pattern.case)) continue;
      const variables = [];
      const pattern = (prefix + rule.pattern.value).replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\\?\{([a-zA-Z0-9_.]+)(?:=[^}]*)?\}/g, (_, name) => {
          variables.push(name);
          return '([^/]+)';
        });
      all.push({
        name: `${service.typeName}.${method.name}`,
        verb: rule.pattern.case.toUpperCase(),
        regex: new RegExp(`^${pattern}$`),
        variables,
        body: rule.body,
        input: method.input,
        output: method.output,
      });
    }
  }
  // The most literal template wins (`_search` before `{token_id}`).
  return all.sort((a, b) => a.variables.length - b.variables.length);
}

const OPERATIONS = operations();

/** The ZITADEL operation a request is for, with its path variables, or undefined. */
export function operationOf(method, path) {
  for (const op of OPERATIONS) {
    if (op.verb !== method) continue;
    const match = op.regex.exec(path);
    if (!match) continue;
    const values = Object.fromEntries(op.variables.map((v, i) => [v, decodeURIComponent(match[i + 1])]));
    return { ...op, values };
  }
  return undefined;
}

function parse(what, text) {
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    return { problem: `${what} is not JSON: ${error.message}` };
  }
}

function strictly(schema, json, what, registry) {
  try {
    fromJson(schema, json, registry ? { registry } : {});
    return [];
  } catch (error) {
    return [`${what} is not a valid ${schema.typeName}: ${error.message}`];
  }
}

/**
 * The problems of one exchange `{method, path, requestBody, status, responseBody}`;
 * empty when both directions are ZITADEL's. A request the emulator refused with 400
 * (its point may be a malformed request), or one a test marked as invalid on purpose
 * (`invalidRequest`), has only its answer checked.
 */
export function checkExchange(exchange) {
  const { method, path, requestBody = '', status, responseBody = '', invalidRequest = false } = exchange;
  const op = operationOf(method, path);
  const problems = [];
  if (op && status !== 400 && !invalidRequest) {
    // Path variables are fields of the request message (enum names included; the
    // gateway also takes an enum's number there).
    const fromPath = {};
    for (const [name, value] of Object.entries(op.values)) {
      if (name.includes('.')) continue;
      const field = op.input.fields.find((f) => f.name === name);
      fromPath[name] = field?.fieldKind === 'enum' && /^\d+$/.test(value) ? Number(value) : value;
    }
    problems.push(...strictly(op.input, fromPath, 'the path', undefined));
    if (requestBody.trim() !== '') {
      if (op.body === '') {
        problems.push(`${op.name} takes no body, yet one was sent`);
      } else if (op.body === '*') {
        const { json, problem } = parse('the request body', requestBody);
        problems.push(...(problem ? [problem] : strictly(op.input, json, 'the request body')));
      } else {
        const { json, problem } = parse('the request body', requestBody);
        const field = op.input.fields.find((f) => f.name === op.body);
        problems.push(...(problem ? [problem] : field ? [] : [`no field ${op.body}`]));
        if (json !== undefined && field) problems.push(...strictly(op.input, { [field.jsonName]: json }, 'the request body'));
      }
    }
  }
  const ok = status >= 200 && status < 300;
  if (ok && !op) {
    problems.push(`no ZITADEL operation is ${method} ${path}`);
  } else {
    const { json, problem } = parse('the answer', responseBody);
    if (problem) problems.push(problem);
    else if (ok) problems.push(...strictly(op.output, json, 'the answer'));
    else problems.push(...strictly(StatusSchema, json, 'the error answer', ERROR_DETAILS));
  }
  return problems.map((p) => `${method} ${path} (${status}${op ? `, ${op.name}` : ''}): ${p}`);
}

/** Checks every exchange; returns the problems and figures for a summary line. */
export function checkExchanges(exchanges) {
  const problems = [];
  const operationsSeen = new Set();
  for (const exchange of exchanges) {
    problems.push(...checkExchange(exchange));
    const op = operationOf(exchange.method, exchange.path);
    if (op) operationsSeen.add(op.name);
  }
  return { problems, exchanges: exchanges.length, operations: [...operationsSeen].sort() };
}

/** Reads a file of JSON lines as the emulator's `--exchanges` writes it. */
export function parseExchangeLines(text) {
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
}
