(() => {
  // node_modules/@aws-amplify/core/dist/esm/constants.mjs
  var AWS_CLOUDWATCH_CATEGORY = "Logging";
  var USER_AGENT_HEADER = "x-amz-user-agent";
  var NO_HUBCALLBACK_PROVIDED_EXCEPTION = "NoHubcallbackProvidedException";

  // node_modules/@aws-amplify/core/dist/esm/Logger/types.mjs
  var LogType;
  (function(LogType2) {
    LogType2["DEBUG"] = "DEBUG";
    LogType2["ERROR"] = "ERROR";
    LogType2["INFO"] = "INFO";
    LogType2["WARN"] = "WARN";
    LogType2["VERBOSE"] = "VERBOSE";
    LogType2["NONE"] = "NONE";
  })(LogType || (LogType = {}));

  // node_modules/@aws-amplify/core/dist/esm/Logger/ConsoleLogger.mjs
  var LOG_LEVELS = {
    VERBOSE: 1,
    DEBUG: 2,
    INFO: 3,
    WARN: 4,
    ERROR: 5,
    NONE: 6
  };
  var ConsoleLogger = class _ConsoleLogger {
    /**
     * @constructor
     * @param {string} name - Name of the logger
     */
    constructor(name, level = LogType.WARN) {
      this.name = name;
      this.level = level;
      this._pluggables = [];
    }
    _padding(n) {
      return n < 10 ? "0" + n : "" + n;
    }
    _ts() {
      const dt = /* @__PURE__ */ new Date();
      return [this._padding(dt.getMinutes()), this._padding(dt.getSeconds())].join(":") + "." + dt.getMilliseconds();
    }
    configure(config) {
      if (!config)
        return this._config;
      this._config = config;
      return this._config;
    }
    /**
     * Write log
     * @method
     * @memeberof Logger
     * @param {LogType|string} type - log type, default INFO
     * @param {string|object} msg - Logging message or object
     */
    _log(type, ...msg) {
      let loggerLevelName = this.level;
      if (_ConsoleLogger.LOG_LEVEL) {
        loggerLevelName = _ConsoleLogger.LOG_LEVEL;
      }
      if (typeof window !== "undefined" && window.LOG_LEVEL) {
        loggerLevelName = window.LOG_LEVEL;
      }
      const loggerLevel = LOG_LEVELS[loggerLevelName];
      const typeLevel = LOG_LEVELS[type];
      if (!(typeLevel >= loggerLevel)) {
        return;
      }
      let log = console.log.bind(console);
      if (type === LogType.ERROR && console.error) {
        log = console.error.bind(console);
      }
      if (type === LogType.WARN && console.warn) {
        log = console.warn.bind(console);
      }
      if (_ConsoleLogger.BIND_ALL_LOG_LEVELS) {
        if (type === LogType.INFO && console.info) {
          log = console.info.bind(console);
        }
        if (type === LogType.DEBUG && console.debug) {
          log = console.debug.bind(console);
        }
      }
      const prefix = `[${type}] ${this._ts()} ${this.name}`;
      let message = "";
      if (msg.length === 1 && typeof msg[0] === "string") {
        message = `${prefix} - ${msg[0]}`;
        log(message);
      } else if (msg.length === 1) {
        message = `${prefix} ${msg[0]}`;
        log(prefix, msg[0]);
      } else if (typeof msg[0] === "string") {
        let obj = msg.slice(1);
        if (obj.length === 1) {
          obj = obj[0];
        }
        message = `${prefix} - ${msg[0]} ${obj}`;
        log(`${prefix} - ${msg[0]}`, obj);
      } else {
        message = `${prefix} ${msg}`;
        log(prefix, msg);
      }
      for (const plugin of this._pluggables) {
        const logEvent = { message, timestamp: Date.now() };
        plugin.pushLogs([logEvent]);
      }
    }
    /**
     * Write General log. Default to INFO
     * @method
     * @memeberof Logger
     * @param {string|object} msg - Logging message or object
     */
    log(...msg) {
      this._log(LogType.INFO, ...msg);
    }
    /**
     * Write INFO log
     * @method
     * @memeberof Logger
     * @param {string|object} msg - Logging message or object
     */
    info(...msg) {
      this._log(LogType.INFO, ...msg);
    }
    /**
     * Write WARN log
     * @method
     * @memeberof Logger
     * @param {string|object} msg - Logging message or object
     */
    warn(...msg) {
      this._log(LogType.WARN, ...msg);
    }
    /**
     * Write ERROR log
     * @method
     * @memeberof Logger
     * @param {string|object} msg - Logging message or object
     */
    error(...msg) {
      this._log(LogType.ERROR, ...msg);
    }
    /**
     * Write DEBUG log
     * @method
     * @memeberof Logger
     * @param {string|object} msg - Logging message or object
     */
    debug(...msg) {
      this._log(LogType.DEBUG, ...msg);
    }
    /**
     * Write VERBOSE log
     * @method
     * @memeberof Logger
     * @param {string|object} msg - Logging message or object
     */
    verbose(...msg) {
      this._log(LogType.VERBOSE, ...msg);
    }
    addPluggable(pluggable) {
      if (pluggable && pluggable.getCategoryName() === AWS_CLOUDWATCH_CATEGORY) {
        this._pluggables.push(pluggable);
        pluggable.configure(this._config);
      }
    }
    listPluggables() {
      return this._pluggables;
    }
  };
  ConsoleLogger.LOG_LEVEL = null;
  ConsoleLogger.BIND_ALL_LOG_LEVELS = false;

  // node_modules/@aws-amplify/core/dist/esm/errors/AmplifyError.mjs
  var AmplifyError = class _AmplifyError extends Error {
    /**
     *  Constructs an AmplifyError.
     *
     * @param message text that describes the main problem.
     * @param underlyingError the underlying cause of the error.
     * @param recoverySuggestion suggestion to recover from the error.
     *
     */
    constructor({ message, name, recoverySuggestion, underlyingError, metadata }) {
      super(message);
      this.name = name;
      this.underlyingError = underlyingError;
      this.recoverySuggestion = recoverySuggestion;
      if (metadata) {
        const { extendedRequestId, httpStatusCode, requestId } = metadata;
        this.metadata = { extendedRequestId, httpStatusCode, requestId };
      }
      this.constructor = _AmplifyError;
      Object.setPrototypeOf(this, _AmplifyError.prototype);
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/types/errors.mjs
  var AmplifyErrorCode;
  (function(AmplifyErrorCode2) {
    AmplifyErrorCode2["NoEndpointId"] = "NoEndpointId";
    AmplifyErrorCode2["PlatformNotSupported"] = "PlatformNotSupported";
    AmplifyErrorCode2["Unknown"] = "Unknown";
    AmplifyErrorCode2["NetworkError"] = "NetworkError";
  })(AmplifyErrorCode || (AmplifyErrorCode = {}));

  // node_modules/@aws-amplify/core/dist/esm/errors/createAssertionFunction.mjs
  var createAssertionFunction = (errorMap, AssertionError = AmplifyError) => (assertion, name, additionalContext) => {
    const { message, recoverySuggestion } = errorMap[name];
    if (!assertion) {
      throw new AssertionError({
        name,
        message: additionalContext ? `${message} ${additionalContext}` : message,
        recoverySuggestion
      });
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/Hub/index.mjs
  var AMPLIFY_SYMBOL = typeof Symbol !== "undefined" ? /* @__PURE__ */ Symbol("amplify_default") : "@@amplify_default";
  var logger = new ConsoleLogger("Hub");
  var HubClass = class {
    constructor(name) {
      this.listeners = /* @__PURE__ */ new Map();
      this.protectedChannels = [
        "core",
        "auth",
        "api",
        "analytics",
        "interactions",
        "pubsub",
        "storage",
        "ui",
        "xr"
      ];
      this.name = name;
    }
    /**
     * Used internally to remove a Hub listener.
     *
     * @remarks
     * This private method is for internal use only. Instead of calling Hub.remove, call the result of Hub.listen.
     */
    _remove(channel, listener) {
      const holder = this.listeners.get(channel);
      if (!holder) {
        logger.warn(`No listeners for ${channel}`);
        return;
      }
      this.listeners.set(channel, [
        ...holder.filter(({ callback }) => callback !== listener)
      ]);
    }
    dispatch(channel, payload, source, ampSymbol, crossTab) {
      if (typeof channel === "string" && this.protectedChannels.indexOf(channel) > -1) {
        const hasAccess = ampSymbol === AMPLIFY_SYMBOL;
        if (!hasAccess) {
          logger.warn(`WARNING: ${channel} is protected and dispatching on it can have unintended consequences`);
        }
      }
      const capsule = {
        channel,
        crossTab,
        payload: { ...payload },
        source,
        patternInfo: []
      };
      try {
        this._toListeners(capsule);
      } catch (e) {
        logger.error(e);
      }
    }
    listen(channel, callback, options = {
      listenerName: "noname"
    }) {
      let cb;
      const o = typeof options === "string" ? { listenerName: options, enableCrossTabEvents: false } : { listenerName: "noname", enableCrossTabEvents: false, ...options };
      if (typeof callback !== "function") {
        throw new AmplifyError({
          name: NO_HUBCALLBACK_PROVIDED_EXCEPTION,
          message: "No callback supplied to Hub"
        });
      } else {
        cb = callback;
      }
      let holder = this.listeners.get(channel);
      if (!holder) {
        holder = [];
        this.listeners.set(channel, holder);
      }
      holder.push({
        name: o.listenerName,
        crossTab: o.enableCrossTabEvents,
        callback: cb
      });
      return () => {
        this._remove(channel, cb);
      };
    }
    _toListeners(capsule) {
      const { channel, payload, crossTab } = capsule;
      const holder = this.listeners.get(channel);
      if (holder) {
        const eligibleListeners = holder.filter((listener) => {
          if (crossTab) {
            return !!listener.crossTab && channel === "auth";
          }
          return true;
        });
        eligibleListeners.forEach((listener) => {
          logger.debug(`Dispatching to ${channel} with `, payload);
          try {
            listener.callback(capsule);
          } catch (e) {
            logger.error(e);
          }
        });
      }
    }
  };
  var Hub = new HubClass("__default__");
  var HubInternal = new HubClass("internal-hub");

  // node_modules/@aws-amplify/core/dist/esm/utils/globalHelpers/index.mjs
  var getCrypto = () => {
    if (typeof window === "object" && typeof window.crypto === "object") {
      return window.crypto;
    }
    if (typeof crypto === "object") {
      return crypto;
    }
    throw new AmplifyError({
      name: "MissingPolyfill",
      message: "Cannot resolve the `crypto` function from the environment."
    });
  };
  var getBtoa = () => {
    if (typeof window !== "undefined" && typeof window.btoa === "function") {
      return window.btoa;
    }
    if (typeof btoa === "function") {
      return btoa;
    }
    throw new AmplifyError({
      name: "Base64EncoderError",
      message: "Cannot resolve the `btoa` function from the environment."
    });
  };
  var getAtob = () => {
    if (typeof window !== "undefined" && typeof window.atob === "function") {
      return window.atob;
    }
    if (typeof atob === "function") {
      return atob;
    }
    throw new AmplifyError({
      name: "Base64EncoderError",
      message: "Cannot resolve the `atob` function from the environment."
    });
  };

  // node_modules/@aws-amplify/core/dist/esm/utils/convert/base64/base64Decoder.mjs
  var base64Decoder = {
    convert(input, options) {
      let inputStr = input;
      if (options?.urlSafe) {
        inputStr = inputStr.replace(/-/g, "+").replace(/_/g, "/");
      }
      return getAtob()(inputStr);
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/singleton/Auth/utils/errorHelpers.mjs
  var AuthConfigurationErrorCode;
  (function(AuthConfigurationErrorCode2) {
    AuthConfigurationErrorCode2["AuthTokenConfigException"] = "AuthTokenConfigException";
    AuthConfigurationErrorCode2["AuthUserPoolAndIdentityPoolException"] = "AuthUserPoolAndIdentityPoolException";
    AuthConfigurationErrorCode2["AuthUserPoolException"] = "AuthUserPoolException";
    AuthConfigurationErrorCode2["InvalidIdentityPoolIdException"] = "InvalidIdentityPoolIdException";
    AuthConfigurationErrorCode2["OAuthNotConfigureException"] = "OAuthNotConfigureException";
  })(AuthConfigurationErrorCode || (AuthConfigurationErrorCode = {}));
  var authConfigurationErrorMap = {
    [AuthConfigurationErrorCode.AuthTokenConfigException]: {
      message: "Auth Token Provider not configured.",
      recoverySuggestion: "Make sure to call Amplify.configure in your app."
    },
    [AuthConfigurationErrorCode.AuthUserPoolAndIdentityPoolException]: {
      message: "Auth UserPool or IdentityPool not configured.",
      recoverySuggestion: "Make sure to call Amplify.configure in your app with UserPoolId and IdentityPoolId."
    },
    [AuthConfigurationErrorCode.AuthUserPoolException]: {
      message: "Auth UserPool not configured.",
      recoverySuggestion: "Make sure to call Amplify.configure in your app with userPoolId and userPoolClientId."
    },
    [AuthConfigurationErrorCode.InvalidIdentityPoolIdException]: {
      message: "Invalid identity pool id provided.",
      recoverySuggestion: "Make sure a valid identityPoolId is given in the config."
    },
    [AuthConfigurationErrorCode.OAuthNotConfigureException]: {
      message: "oauth param not configured.",
      recoverySuggestion: "Make sure to call Amplify.configure with oauth parameter in your app."
    }
  };
  var assert = createAssertionFunction(authConfigurationErrorMap);

  // node_modules/@aws-amplify/core/dist/esm/singleton/Auth/utils/index.mjs
  function assertTokenProviderConfig(cognitoConfig) {
    let assertionValid = true;
    if (!cognitoConfig) {
      assertionValid = false;
    } else {
      assertionValid = !!cognitoConfig.userPoolId && !!cognitoConfig.userPoolClientId;
    }
    assert(assertionValid, AuthConfigurationErrorCode.AuthUserPoolException);
  }
  function assertOAuthConfig(cognitoConfig) {
    const validOAuthConfig = !!cognitoConfig?.loginWith?.oauth?.domain && !!cognitoConfig?.loginWith?.oauth?.redirectSignOut && !!cognitoConfig?.loginWith?.oauth?.redirectSignIn && !!cognitoConfig?.loginWith?.oauth?.responseType;
    assert(validOAuthConfig, AuthConfigurationErrorCode.OAuthNotConfigureException);
  }
  function assertIdentityPoolIdConfig(cognitoConfig) {
    const validConfig = !!cognitoConfig?.identityPoolId;
    assert(validConfig, AuthConfigurationErrorCode.InvalidIdentityPoolIdException);
  }
  function decodeJWT(token) {
    const tokenParts = token.split(".");
    if (tokenParts.length !== 3) {
      throw new Error("Invalid token");
    }
    try {
      const base64WithUrlSafe = tokenParts[1];
      const base64 = base64WithUrlSafe.replace(/-/g, "+").replace(/_/g, "/");
      const jsonStr = decodeURIComponent(base64Decoder.convert(base64).split("").map((char) => `%${`00${char.charCodeAt(0).toString(16)}`.slice(-2)}`).join(""));
      const payload = JSON.parse(jsonStr);
      return {
        toString: () => token,
        payload
      };
    } catch (err) {
      throw new Error("Invalid token payload");
    }
  }

  // node_modules/@aws-amplify/core/dist/esm/utils/deepFreeze.mjs
  var deepFreeze = (object) => {
    const propNames = Reflect.ownKeys(object);
    for (const name of propNames) {
      const value = object[name];
      if (value && typeof value === "object" || typeof value === "function") {
        deepFreeze(value);
      }
    }
    return Object.freeze(object);
  };

  // node_modules/@aws-amplify/core/dist/esm/parseAWSExports.mjs
  var logger2 = new ConsoleLogger("parseAWSExports");
  var authTypeMapping = {
    API_KEY: "apiKey",
    AWS_IAM: "iam",
    AMAZON_COGNITO_USER_POOLS: "userPool",
    OPENID_CONNECT: "oidc",
    NONE: "none",
    AWS_LAMBDA: "lambda",
    // `LAMBDA` is an incorrect value that was added during the v6 rewrite.
    // Keeping it as a valid value until v7 to prevent breaking customers who might
    // be relying on it as a workaround.
    // ref: https://github.com/aws-amplify/amplify-js/pull/12922
    // TODO: @v7 remove next line
    LAMBDA: "lambda"
  };
  var parseAWSExports = (config = {}) => {
    if (!Object.prototype.hasOwnProperty.call(config, "aws_project_region")) {
      throw new AmplifyError({
        name: "InvalidParameterException",
        message: "Invalid config parameter.",
        recoverySuggestion: "Ensure passing the config object imported from  `amplifyconfiguration.json`."
      });
    }
    const { aws_appsync_apiKey, aws_appsync_authenticationType, aws_appsync_graphqlEndpoint, aws_appsync_region, aws_bots_config, aws_cognito_identity_pool_id, aws_cognito_sign_up_verification_method, aws_cognito_mfa_configuration, aws_cognito_mfa_types, aws_cognito_password_protection_settings, aws_cognito_verification_mechanisms, aws_cognito_signup_attributes, aws_cognito_social_providers, aws_cognito_username_attributes, aws_mandatory_sign_in, aws_mobile_analytics_app_id, aws_mobile_analytics_app_region, aws_user_files_s3_bucket, aws_user_files_s3_bucket_region, aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing, aws_user_pools_id, aws_user_pools_web_client_id, geo, oauth, predictions, aws_cloud_logic_custom, Notifications, modelIntrospection } = config;
    const amplifyConfig = {};
    if (aws_mobile_analytics_app_id) {
      amplifyConfig.Analytics = {
        Pinpoint: {
          appId: aws_mobile_analytics_app_id,
          region: aws_mobile_analytics_app_region
        }
      };
    }
    const { InAppMessaging, Push } = Notifications ?? {};
    if (InAppMessaging?.AWSPinpoint || Push?.AWSPinpoint) {
      if (InAppMessaging?.AWSPinpoint) {
        const { appId, region } = InAppMessaging.AWSPinpoint;
        amplifyConfig.Notifications = {
          InAppMessaging: {
            Pinpoint: {
              appId,
              region
            }
          }
        };
      }
      if (Push?.AWSPinpoint) {
        const { appId, region } = Push.AWSPinpoint;
        amplifyConfig.Notifications = {
          ...amplifyConfig.Notifications,
          PushNotification: {
            Pinpoint: {
              appId,
              region
            }
          }
        };
      }
    }
    if (Array.isArray(aws_bots_config)) {
      amplifyConfig.Interactions = {
        LexV1: Object.fromEntries(aws_bots_config.map((bot) => [bot.name, bot]))
      };
    }
    if (aws_appsync_graphqlEndpoint) {
      const defaultAuthMode = authTypeMapping[aws_appsync_authenticationType];
      if (!defaultAuthMode) {
        logger2.debug(`Invalid authentication type ${aws_appsync_authenticationType}. Falling back to IAM.`);
      }
      amplifyConfig.API = {
        GraphQL: {
          endpoint: aws_appsync_graphqlEndpoint,
          apiKey: aws_appsync_apiKey,
          region: aws_appsync_region,
          defaultAuthMode: defaultAuthMode ?? "iam"
        }
      };
      if (modelIntrospection) {
        amplifyConfig.API.GraphQL.modelIntrospection = modelIntrospection;
      }
    }
    const mfaConfig = aws_cognito_mfa_configuration ? {
      status: aws_cognito_mfa_configuration && aws_cognito_mfa_configuration.toLowerCase(),
      totpEnabled: aws_cognito_mfa_types?.includes("TOTP") ?? false,
      smsEnabled: aws_cognito_mfa_types?.includes("SMS") ?? false
    } : void 0;
    const passwordFormatConfig = aws_cognito_password_protection_settings ? {
      minLength: aws_cognito_password_protection_settings.passwordPolicyMinLength,
      requireLowercase: aws_cognito_password_protection_settings.passwordPolicyCharacters?.includes("REQUIRES_LOWERCASE") ?? false,
      requireUppercase: aws_cognito_password_protection_settings.passwordPolicyCharacters?.includes("REQUIRES_UPPERCASE") ?? false,
      requireNumbers: aws_cognito_password_protection_settings.passwordPolicyCharacters?.includes("REQUIRES_NUMBERS") ?? false,
      requireSpecialCharacters: aws_cognito_password_protection_settings.passwordPolicyCharacters?.includes("REQUIRES_SYMBOLS") ?? false
    } : void 0;
    const mergedUserAttributes = Array.from(/* @__PURE__ */ new Set([
      ...aws_cognito_verification_mechanisms ?? [],
      ...aws_cognito_signup_attributes ?? []
    ]));
    const userAttributes = mergedUserAttributes.reduce((attributes, key) => ({
      ...attributes,
      // All user attributes generated by the CLI are required
      [key.toLowerCase()]: { required: true }
    }), {});
    const loginWithEmailEnabled = aws_cognito_username_attributes?.includes("EMAIL") ?? false;
    const loginWithPhoneEnabled = aws_cognito_username_attributes?.includes("PHONE_NUMBER") ?? false;
    if (aws_cognito_identity_pool_id || aws_user_pools_id) {
      amplifyConfig.Auth = {
        Cognito: {
          identityPoolId: aws_cognito_identity_pool_id,
          allowGuestAccess: aws_mandatory_sign_in !== "enable",
          signUpVerificationMethod: aws_cognito_sign_up_verification_method,
          userAttributes,
          userPoolClientId: aws_user_pools_web_client_id,
          userPoolId: aws_user_pools_id,
          mfa: mfaConfig,
          passwordFormat: passwordFormatConfig,
          loginWith: {
            username: !(loginWithEmailEnabled || loginWithPhoneEnabled),
            email: loginWithEmailEnabled,
            phone: loginWithPhoneEnabled
          }
        }
      };
    }
    const hasOAuthConfig = oauth ? Object.keys(oauth).length > 0 : false;
    const hasSocialProviderConfig = aws_cognito_social_providers ? aws_cognito_social_providers.length > 0 : false;
    if (amplifyConfig.Auth && hasOAuthConfig) {
      amplifyConfig.Auth.Cognito.loginWith = {
        ...amplifyConfig.Auth.Cognito.loginWith,
        oauth: {
          ...getOAuthConfig(oauth),
          ...hasSocialProviderConfig && {
            providers: parseSocialProviders(aws_cognito_social_providers)
          }
        }
      };
    }
    if (aws_user_files_s3_bucket) {
      amplifyConfig.Storage = {
        S3: {
          bucket: aws_user_files_s3_bucket,
          region: aws_user_files_s3_bucket_region,
          dangerouslyConnectToHttpEndpointForTesting: aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing
        }
      };
    }
    if (geo) {
      const { amazon_location_service } = geo;
      amplifyConfig.Geo = {
        LocationService: {
          maps: amazon_location_service.maps,
          geofenceCollections: amazon_location_service.geofenceCollections,
          searchIndices: amazon_location_service.search_indices,
          region: amazon_location_service.region
        }
      };
    }
    if (aws_cloud_logic_custom) {
      amplifyConfig.API = {
        ...amplifyConfig.API,
        REST: aws_cloud_logic_custom.reduce((acc, api2) => {
          const { name, endpoint, region, service } = api2;
          return {
            ...acc,
            [name]: {
              endpoint,
              ...service ? { service } : void 0,
              ...region ? { region } : void 0
            }
          };
        }, {})
      };
    }
    if (predictions) {
      const { VoiceId: voiceId } = predictions?.convert?.speechGenerator?.defaults ?? {};
      amplifyConfig.Predictions = voiceId ? {
        ...predictions,
        convert: {
          ...predictions.convert,
          speechGenerator: {
            ...predictions.convert.speechGenerator,
            defaults: { voiceId }
          }
        }
      } : predictions;
    }
    return amplifyConfig;
  };
  var getRedirectUrl = (redirectStr) => redirectStr?.split(",") ?? [];
  var getOAuthConfig = ({ domain, scope, redirectSignIn, redirectSignOut, responseType }) => ({
    domain,
    scopes: scope,
    redirectSignIn: getRedirectUrl(redirectSignIn),
    redirectSignOut: getRedirectUrl(redirectSignOut),
    responseType
  });
  var parseSocialProviders = (aws_cognito_social_providers) => {
    return aws_cognito_social_providers.map((provider) => {
      const updatedProvider = provider.toLowerCase();
      return updatedProvider.charAt(0).toUpperCase() + updatedProvider.slice(1);
    });
  };

  // node_modules/@aws-amplify/core/dist/esm/singleton/Auth/index.mjs
  var logger3 = new ConsoleLogger("Auth");
  var AuthClass = class {
    /**
     * Configure Auth category
     *
     * @internal
     *
     * @param authResourcesConfig - Resources configurations required by Auth providers.
     * @param authOptions - Client options used by library
     *
     * @returns void
     */
    configure(authResourcesConfig, authOptions) {
      this.authConfig = authResourcesConfig;
      this.authOptions = authOptions;
      if (authResourcesConfig && authResourcesConfig.Cognito?.userPoolEndpoint) {
        logger3.warn(getCustomEndpointWarningMessage("Amazon Cognito User Pool"));
      }
      if (authResourcesConfig && authResourcesConfig.Cognito?.identityPoolEndpoint) {
        logger3.warn(getCustomEndpointWarningMessage("Amazon Cognito Identity Pool"));
      }
    }
    /**
     * Fetch the auth tokens, and the temporary AWS credentials and identity if they are configured. By default it
     * will automatically refresh expired auth tokens if a valid refresh token is present. You can force a refresh
     * of non-expired tokens with `{ forceRefresh: true }` input.
     *
     * @param options - Options configuring the fetch behavior.
     *
     * @returns Promise of current auth session {@link AuthSession}.
     */
    async fetchAuthSession(options = {}) {
      let credentialsAndIdentityId;
      let userSub;
      const tokens = await this.getTokens(options);
      if (tokens) {
        userSub = tokens.accessToken?.payload?.sub;
        credentialsAndIdentityId = await this.authOptions?.credentialsProvider?.getCredentialsAndIdentityId({
          authConfig: this.authConfig,
          tokens,
          authenticated: true,
          forceRefresh: options.forceRefresh
        });
      } else {
        credentialsAndIdentityId = await this.authOptions?.credentialsProvider?.getCredentialsAndIdentityId({
          authConfig: this.authConfig,
          authenticated: false,
          forceRefresh: options.forceRefresh
        });
      }
      return {
        tokens,
        credentials: credentialsAndIdentityId?.credentials,
        identityId: credentialsAndIdentityId?.identityId,
        userSub
      };
    }
    async clearCredentials() {
      await this.authOptions?.credentialsProvider?.clearCredentialsAndIdentityId();
    }
    async getTokens(options) {
      return await this.authOptions?.tokenProvider?.getTokens(options) ?? void 0;
    }
  };
  var getCustomEndpointWarningMessage = (target) => `You are using a custom Amazon ${target} endpoint, ensure the endpoint is correct.`;

  // node_modules/uuid/dist/esm-browser/stringify.js
  var byteToHex = [];
  for (let i = 0; i < 256; ++i) {
    byteToHex.push((i + 256).toString(16).slice(1));
  }
  function unsafeStringify(arr, offset = 0) {
    return (byteToHex[arr[offset + 0]] + byteToHex[arr[offset + 1]] + byteToHex[arr[offset + 2]] + byteToHex[arr[offset + 3]] + "-" + byteToHex[arr[offset + 4]] + byteToHex[arr[offset + 5]] + "-" + byteToHex[arr[offset + 6]] + byteToHex[arr[offset + 7]] + "-" + byteToHex[arr[offset + 8]] + byteToHex[arr[offset + 9]] + "-" + byteToHex[arr[offset + 10]] + byteToHex[arr[offset + 11]] + byteToHex[arr[offset + 12]] + byteToHex[arr[offset + 13]] + byteToHex[arr[offset + 14]] + byteToHex[arr[offset + 15]]).toLowerCase();
  }

  // node_modules/uuid/dist/esm-browser/rng.js
  var getRandomValues;
  var rnds8 = new Uint8Array(16);
  function rng() {
    if (!getRandomValues) {
      if (typeof crypto === "undefined" || !crypto.getRandomValues) {
        throw new Error("crypto.getRandomValues() not supported. See https://github.com/uuidjs/uuid#getrandomvalues-not-supported");
      }
      getRandomValues = crypto.getRandomValues.bind(crypto);
    }
    return getRandomValues(rnds8);
  }

  // node_modules/uuid/dist/esm-browser/native.js
  var randomUUID = typeof crypto !== "undefined" && crypto.randomUUID && crypto.randomUUID.bind(crypto);
  var native_default = { randomUUID };

  // node_modules/uuid/dist/esm-browser/v4.js
  function v4(options, buf, offset) {
    if (native_default.randomUUID && !buf && !options) {
      return native_default.randomUUID();
    }
    options = options || {};
    const rnds = options.random ?? options.rng?.() ?? rng();
    if (rnds.length < 16) {
      throw new Error("Random bytes length must be >= 16");
    }
    rnds[6] = rnds[6] & 15 | 64;
    rnds[8] = rnds[8] & 63 | 128;
    if (buf) {
      offset = offset || 0;
      if (offset < 0 || offset + 16 > buf.length) {
        throw new RangeError(`UUID byte range ${offset}:${offset + 15} is out of buffer bounds`);
      }
      for (let i = 0; i < 16; ++i) {
        buf[offset + i] = rnds[i];
      }
      return buf;
    }
    return unsafeStringify(rnds);
  }
  var v4_default = v4;

  // node_modules/@aws-amplify/core/dist/esm/parseAmplifyOutputs.mjs
  function isAmplifyOutputs(config) {
    const { version: version2 } = config;
    if (!version2) {
      return false;
    }
    return version2.startsWith("1");
  }
  function parseStorage(amplifyOutputsStorageProperties) {
    if (!amplifyOutputsStorageProperties) {
      return void 0;
    }
    const { bucket_name, aws_region, buckets } = amplifyOutputsStorageProperties;
    return {
      S3: {
        bucket: bucket_name,
        region: aws_region,
        buckets: buckets && createBucketInfoMap(buckets)
      }
    };
  }
  function parseAuth(amplifyOutputsAuthProperties) {
    if (!amplifyOutputsAuthProperties) {
      return void 0;
    }
    const { user_pool_id, user_pool_client_id, identity_pool_id, password_policy, mfa_configuration, mfa_methods, unauthenticated_identities_enabled, oauth, username_attributes, standard_required_attributes, groups, passwordless } = amplifyOutputsAuthProperties;
    const authConfig = {
      Cognito: {
        userPoolId: user_pool_id,
        userPoolClientId: user_pool_client_id,
        groups
      }
    };
    if (identity_pool_id) {
      authConfig.Cognito = {
        ...authConfig.Cognito,
        identityPoolId: identity_pool_id
      };
    }
    if (password_policy) {
      authConfig.Cognito.passwordFormat = {
        requireLowercase: password_policy.require_lowercase,
        requireNumbers: password_policy.require_numbers,
        requireUppercase: password_policy.require_uppercase,
        requireSpecialCharacters: password_policy.require_symbols,
        minLength: password_policy.min_length ?? 6
      };
    }
    if (mfa_configuration) {
      authConfig.Cognito.mfa = {
        status: getMfaStatus(mfa_configuration),
        smsEnabled: mfa_methods?.includes("SMS"),
        totpEnabled: mfa_methods?.includes("TOTP")
      };
    }
    if (unauthenticated_identities_enabled) {
      authConfig.Cognito.allowGuestAccess = unauthenticated_identities_enabled;
    }
    if (oauth) {
      authConfig.Cognito.loginWith = {
        oauth: {
          domain: oauth.domain,
          redirectSignIn: oauth.redirect_sign_in_uri,
          redirectSignOut: oauth.redirect_sign_out_uri,
          responseType: oauth.response_type === "token" ? "token" : "code",
          scopes: oauth.scopes,
          providers: getOAuthProviders(oauth.identity_providers)
        }
      };
    }
    if (username_attributes) {
      authConfig.Cognito.loginWith = {
        ...authConfig.Cognito.loginWith,
        email: username_attributes.includes("email"),
        phone: username_attributes.includes("phone_number"),
        // Signing in with a username is not currently supported in Gen2, this should always evaluate to false
        username: username_attributes.includes("username")
      };
    }
    if (standard_required_attributes) {
      authConfig.Cognito.userAttributes = standard_required_attributes.reduce((acc, curr) => ({ ...acc, [curr]: { required: true } }), {});
    }
    if (passwordless) {
      authConfig.Cognito.passwordless = {
        emailOtpEnabled: passwordless.email_otp_enabled,
        smsOtpEnabled: passwordless.sms_otp_enabled,
        webAuthn: passwordless.web_authn ? {
          relyingPartyId: passwordless.web_authn.relying_party_id,
          userVerification: passwordless.web_authn.user_verification
        } : void 0,
        preferredChallenge: passwordless.preferred_challenge
      };
    }
    return authConfig;
  }
  function parseAnalytics(amplifyOutputsAnalyticsProperties) {
    if (!amplifyOutputsAnalyticsProperties?.amazon_pinpoint) {
      return void 0;
    }
    const { amazon_pinpoint } = amplifyOutputsAnalyticsProperties;
    return {
      Pinpoint: {
        appId: amazon_pinpoint.app_id,
        region: amazon_pinpoint.aws_region
      }
    };
  }
  function parseGeo(amplifyOutputsAnalyticsProperties) {
    if (!amplifyOutputsAnalyticsProperties) {
      return void 0;
    }
    const { aws_region, geofence_collections, maps, search_indices } = amplifyOutputsAnalyticsProperties;
    return {
      LocationService: {
        region: aws_region,
        searchIndices: search_indices,
        geofenceCollections: geofence_collections,
        maps
      }
    };
  }
  function parseData(amplifyOutputsDataProperties) {
    if (!amplifyOutputsDataProperties) {
      return void 0;
    }
    const { aws_region, default_authorization_type, url, api_key, model_introspection } = amplifyOutputsDataProperties;
    const GraphQL = {
      endpoint: url,
      defaultAuthMode: getGraphQLAuthMode(default_authorization_type),
      region: aws_region,
      apiKey: api_key,
      modelIntrospection: model_introspection
    };
    return {
      GraphQL
    };
  }
  function parseCustom(amplifyOutputsCustomProperties) {
    if (!amplifyOutputsCustomProperties?.events) {
      return void 0;
    }
    const { url, aws_region, api_key, default_authorization_type } = amplifyOutputsCustomProperties.events;
    const Events = {
      endpoint: url,
      defaultAuthMode: getGraphQLAuthMode(default_authorization_type),
      region: aws_region,
      apiKey: api_key
    };
    return {
      Events
    };
  }
  function parseNotifications(amplifyOutputsNotificationsProperties) {
    if (!amplifyOutputsNotificationsProperties) {
      return void 0;
    }
    const { aws_region, channels, amazon_pinpoint_app_id, amazon_connect } = amplifyOutputsNotificationsProperties;
    const supportedChannels = channels ?? [];
    const hasInAppMessaging = supportedChannels.includes("IN_APP_MESSAGING");
    const hasPushNotification = supportedChannels.includes("APNS") || supportedChannels.includes("FCM");
    const hasCustomerProfilesPush = !!amazon_connect;
    if (!(hasInAppMessaging || hasPushNotification || hasCustomerProfilesPush)) {
      return void 0;
    }
    const notificationsConfig = {};
    if (hasInAppMessaging && amazon_pinpoint_app_id && aws_region) {
      notificationsConfig.InAppMessaging = {
        Pinpoint: {
          appId: amazon_pinpoint_app_id,
          region: aws_region
        }
      };
    }
    const pushNotificationConfig = {};
    if (hasPushNotification && amazon_pinpoint_app_id && aws_region) {
      pushNotificationConfig.Pinpoint = {
        appId: amazon_pinpoint_app_id,
        region: aws_region
      };
    }
    if (amazon_connect) {
      pushNotificationConfig.CustomerProfiles = {
        endpoint: amazon_connect.endpoint,
        region: amazon_connect.aws_region
      };
    }
    if (Object.keys(pushNotificationConfig).length > 0) {
      notificationsConfig.PushNotification = pushNotificationConfig;
    }
    return notificationsConfig;
  }
  function parseAmplifyOutputs(amplifyOutputs) {
    const resourcesConfig = {};
    if (amplifyOutputs.storage) {
      resourcesConfig.Storage = parseStorage(amplifyOutputs.storage);
    }
    if (amplifyOutputs.auth) {
      resourcesConfig.Auth = parseAuth(amplifyOutputs.auth);
    }
    if (amplifyOutputs.analytics) {
      resourcesConfig.Analytics = parseAnalytics(amplifyOutputs.analytics);
    }
    if (amplifyOutputs.geo) {
      resourcesConfig.Geo = parseGeo(amplifyOutputs.geo);
    }
    if (amplifyOutputs.data) {
      resourcesConfig.API = parseData(amplifyOutputs.data);
    }
    if (amplifyOutputs.custom) {
      const customConfig = parseCustom(amplifyOutputs.custom);
      if (customConfig && "Events" in customConfig) {
        resourcesConfig.API = { ...resourcesConfig.API, ...customConfig };
      }
    }
    if (amplifyOutputs.notifications) {
      resourcesConfig.Notifications = parseNotifications(amplifyOutputs.notifications);
    }
    return resourcesConfig;
  }
  var authModeNames = {
    AMAZON_COGNITO_USER_POOLS: "userPool",
    API_KEY: "apiKey",
    AWS_IAM: "iam",
    AWS_LAMBDA: "lambda",
    OPENID_CONNECT: "oidc"
  };
  function getGraphQLAuthMode(authType) {
    return authModeNames[authType];
  }
  var providerNames = {
    GOOGLE: "Google",
    LOGIN_WITH_AMAZON: "Amazon",
    FACEBOOK: "Facebook",
    SIGN_IN_WITH_APPLE: "Apple"
  };
  function getOAuthProviders(providers = []) {
    return providers.reduce((oAuthProviders, provider) => {
      if (providerNames[provider] !== void 0) {
        oAuthProviders.push(providerNames[provider]);
      }
      return oAuthProviders;
    }, []);
  }
  function getMfaStatus(mfaConfiguration) {
    if (mfaConfiguration === "OPTIONAL")
      return "optional";
    if (mfaConfiguration === "REQUIRED")
      return "on";
    return "off";
  }
  function createBucketInfoMap(buckets) {
    const mappedBuckets = {};
    buckets.forEach(({ name, bucket_name: bucketName, aws_region: region, paths }) => {
      if (name in mappedBuckets) {
        throw new Error(`Duplicate friendly name found: ${name}. Name must be unique.`);
      }
      const sanitizedPaths = paths ? Object.entries(paths).reduce((acc, [key, value]) => {
        if (value !== void 0) {
          acc[key] = value;
        }
        return acc;
      }, {}) : void 0;
      mappedBuckets[name] = {
        bucketName,
        region,
        paths: sanitizedPaths
      };
    });
    return mappedBuckets;
  }

  // node_modules/@aws-amplify/core/dist/esm/utils/parseAmplifyConfig.mjs
  var parseAmplifyConfig = (amplifyConfig) => {
    if (Object.keys(amplifyConfig).some((key) => key.startsWith("aws_"))) {
      return parseAWSExports(amplifyConfig);
    } else if (isAmplifyOutputs(amplifyConfig)) {
      return parseAmplifyOutputs(amplifyConfig);
    } else {
      return amplifyConfig;
    }
  };

  // node_modules/tslib/tslib.es6.mjs
  function __awaiter(thisArg, _arguments, P, generator) {
    function adopt(value) {
      return value instanceof P ? value : new P(function(resolve) {
        resolve(value);
      });
    }
    return new (P || (P = Promise))(function(resolve, reject) {
      function fulfilled(value) {
        try {
          step(generator.next(value));
        } catch (e) {
          reject(e);
        }
      }
      function rejected(value) {
        try {
          step(generator["throw"](value));
        } catch (e) {
          reject(e);
        }
      }
      function step(result) {
        result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
      }
      step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
  }
  function __generator(thisArg, body) {
    var _ = { label: 0, sent: function() {
      if (t[0] & 1) throw t[1];
      return t[1];
    }, trys: [], ops: [] }, f, y, t, g = Object.create((typeof Iterator === "function" ? Iterator : Object).prototype);
    return g.next = verb(0), g["throw"] = verb(1), g["return"] = verb(2), typeof Symbol === "function" && (g[Symbol.iterator] = function() {
      return this;
    }), g;
    function verb(n) {
      return function(v) {
        return step([n, v]);
      };
    }
    function step(op) {
      if (f) throw new TypeError("Generator is already executing.");
      while (g && (g = 0, op[0] && (_ = 0)), _) try {
        if (f = 1, y && (t = op[0] & 2 ? y["return"] : op[0] ? y["throw"] || ((t = y["return"]) && t.call(y), 0) : y.next) && !(t = t.call(y, op[1])).done) return t;
        if (y = 0, t) op = [op[0] & 2, t.value];
        switch (op[0]) {
          case 0:
          case 1:
            t = op;
            break;
          case 4:
            _.label++;
            return { value: op[1], done: false };
          case 5:
            _.label++;
            y = op[1];
            op = [0];
            continue;
          case 7:
            op = _.ops.pop();
            _.trys.pop();
            continue;
          default:
            if (!(t = _.trys, t = t.length > 0 && t[t.length - 1]) && (op[0] === 6 || op[0] === 2)) {
              _ = 0;
              continue;
            }
            if (op[0] === 3 && (!t || op[1] > t[0] && op[1] < t[3])) {
              _.label = op[1];
              break;
            }
            if (op[0] === 6 && _.label < t[1]) {
              _.label = t[1];
              t = op;
              break;
            }
            if (t && _.label < t[2]) {
              _.label = t[2];
              _.ops.push(op);
              break;
            }
            if (t[2]) _.ops.pop();
            _.trys.pop();
            continue;
        }
        op = body.call(thisArg, _);
      } catch (e) {
        op = [6, e];
        y = 0;
      } finally {
        f = t = 0;
      }
      if (op[0] & 5) throw op[1];
      return { value: op[0] ? op[1] : void 0, done: true };
    }
  }
  function __classPrivateFieldGet(receiver, state, kind, f) {
    if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a getter");
    if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot read private member from an object whose class did not declare it");
    return kind === "m" ? f : kind === "a" ? f.call(receiver) : f ? f.value : state.get(receiver);
  }
  function __classPrivateFieldSet(receiver, state, value, kind, f) {
    if (kind === "m") throw new TypeError("Private method is not writable");
    if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a setter");
    if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot write private member to an object whose class did not declare it");
    return kind === "a" ? f.call(receiver, value) : f ? f.value = value : state.set(receiver, value), value;
  }

  // node_modules/@aws-crypto/sha256-js/build/module/constants.js
  var BLOCK_SIZE = 64;
  var DIGEST_LENGTH = 32;
  var KEY = new Uint32Array([
    1116352408,
    1899447441,
    3049323471,
    3921009573,
    961987163,
    1508970993,
    2453635748,
    2870763221,
    3624381080,
    310598401,
    607225278,
    1426881987,
    1925078388,
    2162078206,
    2614888103,
    3248222580,
    3835390401,
    4022224774,
    264347078,
    604807628,
    770255983,
    1249150122,
    1555081692,
    1996064986,
    2554220882,
    2821834349,
    2952996808,
    3210313671,
    3336571891,
    3584528711,
    113926993,
    338241895,
    666307205,
    773529912,
    1294757372,
    1396182291,
    1695183700,
    1986661051,
    2177026350,
    2456956037,
    2730485921,
    2820302411,
    3259730800,
    3345764771,
    3516065817,
    3600352804,
    4094571909,
    275423344,
    430227734,
    506948616,
    659060556,
    883997877,
    958139571,
    1322822218,
    1537002063,
    1747873779,
    1955562222,
    2024104815,
    2227730452,
    2361852424,
    2428436474,
    2756734187,
    3204031479,
    3329325298
  ]);
  var INIT = [
    1779033703,
    3144134277,
    1013904242,
    2773480762,
    1359893119,
    2600822924,
    528734635,
    1541459225
  ];
  var MAX_HASHABLE_LENGTH = Math.pow(2, 53) - 1;

  // node_modules/@aws-crypto/sha256-js/build/module/RawSha256.js
  var RawSha256 = (
    /** @class */
    (function() {
      function RawSha2562() {
        this.state = Int32Array.from(INIT);
        this.temp = new Int32Array(64);
        this.buffer = new Uint8Array(64);
        this.bufferLength = 0;
        this.bytesHashed = 0;
        this.finished = false;
      }
      RawSha2562.prototype.update = function(data) {
        if (this.finished) {
          throw new Error("Attempted to update an already finished hash.");
        }
        var position = 0;
        var byteLength = data.byteLength;
        this.bytesHashed += byteLength;
        if (this.bytesHashed * 8 > MAX_HASHABLE_LENGTH) {
          throw new Error("Cannot hash more than 2^53 - 1 bits");
        }
        while (byteLength > 0) {
          this.buffer[this.bufferLength++] = data[position++];
          byteLength--;
          if (this.bufferLength === BLOCK_SIZE) {
            this.hashBuffer();
            this.bufferLength = 0;
          }
        }
      };
      RawSha2562.prototype.digest = function() {
        if (!this.finished) {
          var bitsHashed = this.bytesHashed * 8;
          var bufferView = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
          var undecoratedLength = this.bufferLength;
          bufferView.setUint8(this.bufferLength++, 128);
          if (undecoratedLength % BLOCK_SIZE >= BLOCK_SIZE - 8) {
            for (var i = this.bufferLength; i < BLOCK_SIZE; i++) {
              bufferView.setUint8(i, 0);
            }
            this.hashBuffer();
            this.bufferLength = 0;
          }
          for (var i = this.bufferLength; i < BLOCK_SIZE - 8; i++) {
            bufferView.setUint8(i, 0);
          }
          bufferView.setUint32(BLOCK_SIZE - 8, Math.floor(bitsHashed / 4294967296), true);
          bufferView.setUint32(BLOCK_SIZE - 4, bitsHashed);
          this.hashBuffer();
          this.finished = true;
        }
        var out = new Uint8Array(DIGEST_LENGTH);
        for (var i = 0; i < 8; i++) {
          out[i * 4] = this.state[i] >>> 24 & 255;
          out[i * 4 + 1] = this.state[i] >>> 16 & 255;
          out[i * 4 + 2] = this.state[i] >>> 8 & 255;
          out[i * 4 + 3] = this.state[i] >>> 0 & 255;
        }
        return out;
      };
      RawSha2562.prototype.hashBuffer = function() {
        var _a = this, buffer = _a.buffer, state = _a.state;
        var state0 = state[0], state1 = state[1], state2 = state[2], state3 = state[3], state4 = state[4], state5 = state[5], state6 = state[6], state7 = state[7];
        for (var i = 0; i < BLOCK_SIZE; i++) {
          if (i < 16) {
            this.temp[i] = (buffer[i * 4] & 255) << 24 | (buffer[i * 4 + 1] & 255) << 16 | (buffer[i * 4 + 2] & 255) << 8 | buffer[i * 4 + 3] & 255;
          } else {
            var u = this.temp[i - 2];
            var t1_1 = (u >>> 17 | u << 15) ^ (u >>> 19 | u << 13) ^ u >>> 10;
            u = this.temp[i - 15];
            var t2_1 = (u >>> 7 | u << 25) ^ (u >>> 18 | u << 14) ^ u >>> 3;
            this.temp[i] = (t1_1 + this.temp[i - 7] | 0) + (t2_1 + this.temp[i - 16] | 0);
          }
          var t1 = (((state4 >>> 6 | state4 << 26) ^ (state4 >>> 11 | state4 << 21) ^ (state4 >>> 25 | state4 << 7)) + (state4 & state5 ^ ~state4 & state6) | 0) + (state7 + (KEY[i] + this.temp[i] | 0) | 0) | 0;
          var t2 = ((state0 >>> 2 | state0 << 30) ^ (state0 >>> 13 | state0 << 19) ^ (state0 >>> 22 | state0 << 10)) + (state0 & state1 ^ state0 & state2 ^ state1 & state2) | 0;
          state7 = state6;
          state6 = state5;
          state5 = state4;
          state4 = state3 + t1 | 0;
          state3 = state2;
          state2 = state1;
          state1 = state0;
          state0 = t1 + t2 | 0;
        }
        state[0] += state0;
        state[1] += state1;
        state[2] += state2;
        state[3] += state3;
        state[4] += state4;
        state[5] += state5;
        state[6] += state6;
        state[7] += state7;
      };
      return RawSha2562;
    })()
  );

  // node_modules/@smithy/util-utf8/dist-es/fromUtf8.browser.js
  var fromUtf8 = (input) => new TextEncoder().encode(input);

  // node_modules/@aws-crypto/util/build/module/convertToBuffer.js
  var fromUtf82 = typeof Buffer !== "undefined" && Buffer.from ? function(input) {
    return Buffer.from(input, "utf8");
  } : fromUtf8;
  function convertToBuffer(data) {
    if (data instanceof Uint8Array)
      return data;
    if (typeof data === "string") {
      return fromUtf82(data);
    }
    if (ArrayBuffer.isView(data)) {
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength / Uint8Array.BYTES_PER_ELEMENT);
    }
    return new Uint8Array(data);
  }

  // node_modules/@aws-crypto/util/build/module/isEmptyData.js
  function isEmptyData(data) {
    if (typeof data === "string") {
      return data.length === 0;
    }
    return data.byteLength === 0;
  }

  // node_modules/@aws-crypto/sha256-js/build/module/jsSha256.js
  var Sha256 = (
    /** @class */
    (function() {
      function Sha2562(secret) {
        this.secret = secret;
        this.hash = new RawSha256();
        this.reset();
      }
      Sha2562.prototype.update = function(toHash) {
        if (isEmptyData(toHash) || this.error) {
          return;
        }
        try {
          this.hash.update(convertToBuffer(toHash));
        } catch (e) {
          this.error = e;
        }
      };
      Sha2562.prototype.digestSync = function() {
        if (this.error) {
          throw this.error;
        }
        if (this.outer) {
          if (!this.outer.finished) {
            this.outer.update(this.hash.digest());
          }
          return this.outer.digest();
        }
        return this.hash.digest();
      };
      Sha2562.prototype.digest = function() {
        return __awaiter(this, void 0, void 0, function() {
          return __generator(this, function(_a) {
            return [2, this.digestSync()];
          });
        });
      };
      Sha2562.prototype.reset = function() {
        this.hash = new RawSha256();
        if (this.secret) {
          this.outer = new RawSha256();
          var inner = bufferFromSecret(this.secret);
          var outer = new Uint8Array(BLOCK_SIZE);
          outer.set(inner);
          for (var i = 0; i < BLOCK_SIZE; i++) {
            inner[i] ^= 54;
            outer[i] ^= 92;
          }
          this.hash.update(inner);
          this.outer.update(outer);
          for (var i = 0; i < inner.byteLength; i++) {
            inner[i] = 0;
          }
        }
      };
      return Sha2562;
    })()
  );
  function bufferFromSecret(secret) {
    var input = convertToBuffer(secret);
    if (input.byteLength > BLOCK_SIZE) {
      var bufferHash = new RawSha256();
      bufferHash.update(input);
      input = bufferHash.digest();
    }
    var buffer = new Uint8Array(BLOCK_SIZE);
    buffer.set(input);
    return buffer;
  }

  // node_modules/@smithy/util-hex-encoding/dist-es/index.js
  var SHORT_TO_HEX = {};
  var HEX_TO_SHORT = {};
  for (let i = 0; i < 256; i++) {
    let encodedByte = i.toString(16).toLowerCase();
    if (encodedByte.length === 1) {
      encodedByte = `0${encodedByte}`;
    }
    SHORT_TO_HEX[i] = encodedByte;
    HEX_TO_SHORT[encodedByte] = i;
  }

  // node_modules/@aws-amplify/core/dist/esm/Platform/types.mjs
  var Framework;
  (function(Framework2) {
    Framework2["WebUnknown"] = "0";
    Framework2["React"] = "1";
    Framework2["NextJs"] = "2";
    Framework2["Angular"] = "3";
    Framework2["VueJs"] = "4";
    Framework2["Nuxt"] = "5";
    Framework2["Svelte"] = "6";
    Framework2["ServerSideUnknown"] = "100";
    Framework2["ReactSSR"] = "101";
    Framework2["NextJsSSR"] = "102";
    Framework2["AngularSSR"] = "103";
    Framework2["VueJsSSR"] = "104";
    Framework2["NuxtSSR"] = "105";
    Framework2["SvelteSSR"] = "106";
    Framework2["ReactNative"] = "201";
    Framework2["Expo"] = "202";
  })(Framework || (Framework = {}));
  var Category;
  (function(Category2) {
    Category2["AI"] = "ai";
    Category2["API"] = "api";
    Category2["Auth"] = "auth";
    Category2["Analytics"] = "analytics";
    Category2["DataStore"] = "datastore";
    Category2["Geo"] = "geo";
    Category2["InAppMessaging"] = "inappmessaging";
    Category2["Interactions"] = "interactions";
    Category2["Predictions"] = "predictions";
    Category2["PubSub"] = "pubsub";
    Category2["PushNotification"] = "pushnotification";
    Category2["Storage"] = "storage";
  })(Category || (Category = {}));
  var AiAction;
  (function(AiAction2) {
    AiAction2["CreateConversation"] = "1";
    AiAction2["GetConversation"] = "2";
    AiAction2["ListConversations"] = "3";
    AiAction2["DeleteConversation"] = "4";
    AiAction2["SendMessage"] = "5";
    AiAction2["ListMessages"] = "6";
    AiAction2["OnMessage"] = "7";
    AiAction2["Generation"] = "8";
    AiAction2["UpdateConversation"] = "9";
  })(AiAction || (AiAction = {}));
  var AnalyticsAction;
  (function(AnalyticsAction2) {
    AnalyticsAction2["Record"] = "1";
    AnalyticsAction2["IdentifyUser"] = "2";
  })(AnalyticsAction || (AnalyticsAction = {}));
  var ApiAction;
  (function(ApiAction2) {
    ApiAction2["GraphQl"] = "1";
    ApiAction2["Get"] = "2";
    ApiAction2["Post"] = "3";
    ApiAction2["Put"] = "4";
    ApiAction2["Patch"] = "5";
    ApiAction2["Del"] = "6";
    ApiAction2["Head"] = "7";
  })(ApiAction || (ApiAction = {}));
  var AuthAction;
  (function(AuthAction2) {
    AuthAction2["SignUp"] = "1";
    AuthAction2["ConfirmSignUp"] = "2";
    AuthAction2["ResendSignUpCode"] = "3";
    AuthAction2["SignIn"] = "4";
    AuthAction2["FetchMFAPreference"] = "6";
    AuthAction2["UpdateMFAPreference"] = "7";
    AuthAction2["SetUpTOTP"] = "10";
    AuthAction2["VerifyTOTPSetup"] = "11";
    AuthAction2["ConfirmSignIn"] = "12";
    AuthAction2["DeleteUserAttributes"] = "15";
    AuthAction2["DeleteUser"] = "16";
    AuthAction2["UpdateUserAttributes"] = "17";
    AuthAction2["FetchUserAttributes"] = "18";
    AuthAction2["ConfirmUserAttribute"] = "22";
    AuthAction2["SignOut"] = "26";
    AuthAction2["UpdatePassword"] = "27";
    AuthAction2["ResetPassword"] = "28";
    AuthAction2["ConfirmResetPassword"] = "29";
    AuthAction2["FederatedSignIn"] = "30";
    AuthAction2["RememberDevice"] = "32";
    AuthAction2["ForgetDevice"] = "33";
    AuthAction2["FetchDevices"] = "34";
    AuthAction2["SendUserAttributeVerificationCode"] = "35";
    AuthAction2["SignInWithRedirect"] = "36";
    AuthAction2["StartWebAuthnRegistration"] = "37";
    AuthAction2["CompleteWebAuthnRegistration"] = "38";
    AuthAction2["ListWebAuthnCredentials"] = "39";
    AuthAction2["DeleteWebAuthnCredential"] = "40";
  })(AuthAction || (AuthAction = {}));
  var DataStoreAction;
  (function(DataStoreAction2) {
    DataStoreAction2["Subscribe"] = "1";
    DataStoreAction2["GraphQl"] = "2";
  })(DataStoreAction || (DataStoreAction = {}));
  var GeoAction;
  (function(GeoAction2) {
    GeoAction2["SearchByText"] = "0";
    GeoAction2["SearchByCoordinates"] = "1";
    GeoAction2["SearchForSuggestions"] = "2";
    GeoAction2["SearchByPlaceId"] = "3";
    GeoAction2["SaveGeofences"] = "4";
    GeoAction2["GetGeofence"] = "5";
    GeoAction2["ListGeofences"] = "6";
    GeoAction2["DeleteGeofences"] = "7";
  })(GeoAction || (GeoAction = {}));
  var InAppMessagingAction;
  (function(InAppMessagingAction2) {
    InAppMessagingAction2["SyncMessages"] = "1";
    InAppMessagingAction2["IdentifyUser"] = "2";
    InAppMessagingAction2["NotifyMessageInteraction"] = "3";
  })(InAppMessagingAction || (InAppMessagingAction = {}));
  var InteractionsAction;
  (function(InteractionsAction2) {
    InteractionsAction2["None"] = "0";
  })(InteractionsAction || (InteractionsAction = {}));
  var PredictionsAction;
  (function(PredictionsAction2) {
    PredictionsAction2["Convert"] = "1";
    PredictionsAction2["Identify"] = "2";
    PredictionsAction2["Interpret"] = "3";
  })(PredictionsAction || (PredictionsAction = {}));
  var PubSubAction;
  (function(PubSubAction2) {
    PubSubAction2["Subscribe"] = "1";
  })(PubSubAction || (PubSubAction = {}));
  var PushNotificationAction;
  (function(PushNotificationAction2) {
    PushNotificationAction2["InitializePushNotifications"] = "1";
    PushNotificationAction2["IdentifyUser"] = "2";
    PushNotificationAction2["RegisterDevice"] = "3";
    PushNotificationAction2["RemoveDevice"] = "4";
  })(PushNotificationAction || (PushNotificationAction = {}));
  var StorageAction;
  (function(StorageAction2) {
    StorageAction2["UploadData"] = "1";
    StorageAction2["DownloadData"] = "2";
    StorageAction2["List"] = "3";
    StorageAction2["Copy"] = "4";
    StorageAction2["Remove"] = "5";
    StorageAction2["GetProperties"] = "6";
    StorageAction2["GetUrl"] = "7";
    StorageAction2["GetDataAccess"] = "8";
    StorageAction2["ListCallerAccessGrants"] = "9";
  })(StorageAction || (StorageAction = {}));

  // node_modules/@aws-amplify/core/dist/esm/Platform/version.mjs
  var version = "6.22.1";

  // node_modules/@aws-amplify/core/dist/esm/Platform/detection/helpers.mjs
  var globalExists = () => {
    return typeof global !== "undefined";
  };
  var windowExists = () => {
    return typeof window !== "undefined";
  };
  var documentExists = () => {
    return typeof document !== "undefined";
  };
  var processExists = () => {
    return typeof process !== "undefined";
  };
  var keyPrefixMatch = (object, prefix) => {
    return !!Object.keys(object).find((key) => key.startsWith(prefix));
  };

  // node_modules/@aws-amplify/core/dist/esm/Platform/detection/React.mjs
  function reactWebDetect() {
    const elementKeyPrefixedWithReact = (key) => {
      return key.startsWith("_react") || key.startsWith("__react");
    };
    const elementIsReactEnabled = (element) => {
      return Object.keys(element).find(elementKeyPrefixedWithReact);
    };
    const allElementsWithId = () => Array.from(document.querySelectorAll("[id]"));
    return documentExists() && allElementsWithId().some(elementIsReactEnabled);
  }
  function reactSSRDetect() {
    return processExists() && typeof process.env !== "undefined" && !!Object.keys(process.env).find((key) => key.includes("react"));
  }

  // node_modules/@aws-amplify/core/dist/esm/Platform/detection/Vue.mjs
  function vueWebDetect() {
    return windowExists() && keyPrefixMatch(window, "__VUE");
  }
  function vueSSRDetect() {
    return globalExists() && keyPrefixMatch(global, "__VUE");
  }

  // node_modules/@aws-amplify/core/dist/esm/Platform/detection/Svelte.mjs
  function svelteWebDetect() {
    return windowExists() && keyPrefixMatch(window, "__SVELTE");
  }
  function svelteSSRDetect() {
    return processExists() && typeof process.env !== "undefined" && !!Object.keys(process.env).find((key) => key.includes("svelte"));
  }

  // node_modules/@aws-amplify/core/dist/esm/Platform/detection/Next.mjs
  function nextWebDetect() {
    return windowExists() && window.next && typeof window.next === "object";
  }
  function nextSSRDetect() {
    return globalExists() && (keyPrefixMatch(global, "__next") || keyPrefixMatch(global, "__NEXT"));
  }

  // node_modules/@aws-amplify/core/dist/esm/Platform/detection/Nuxt.mjs
  function nuxtWebDetect() {
    return windowExists() && (window.__NUXT__ !== void 0 || window.$nuxt !== void 0);
  }
  function nuxtSSRDetect() {
    return globalExists() && typeof global.__NUXT_PATHS__ !== "undefined";
  }

  // node_modules/@aws-amplify/core/dist/esm/Platform/detection/Angular.mjs
  function angularWebDetect() {
    const angularVersionSetInDocument = Boolean(documentExists() && document.querySelector("[ng-version]"));
    const angularContentSetInWindow = Boolean(windowExists() && typeof window.ng !== "undefined");
    return angularVersionSetInDocument || angularContentSetInWindow;
  }
  function angularSSRDetect() {
    return processExists() && typeof process.env === "object" && process.env.npm_lifecycle_script?.startsWith("ng ") || false;
  }

  // node_modules/@aws-amplify/core/dist/esm/Platform/detection/ReactNative.mjs
  function reactNativeDetect() {
    return typeof navigator !== "undefined" && typeof navigator.product !== "undefined" && navigator.product === "ReactNative";
  }

  // node_modules/@aws-amplify/core/dist/esm/Platform/detection/Expo.mjs
  function expoDetect() {
    return globalExists() && typeof global.expo !== "undefined";
  }

  // node_modules/@aws-amplify/core/dist/esm/Platform/detection/Web.mjs
  function webDetect() {
    return windowExists();
  }

  // node_modules/@aws-amplify/core/dist/esm/Platform/detection/index.mjs
  var detectionMap = [
    // First, detect mobile
    { platform: Framework.Expo, detectionMethod: expoDetect },
    { platform: Framework.ReactNative, detectionMethod: reactNativeDetect },
    // Next, detect web frameworks
    { platform: Framework.NextJs, detectionMethod: nextWebDetect },
    { platform: Framework.Nuxt, detectionMethod: nuxtWebDetect },
    { platform: Framework.Angular, detectionMethod: angularWebDetect },
    { platform: Framework.React, detectionMethod: reactWebDetect },
    { platform: Framework.VueJs, detectionMethod: vueWebDetect },
    { platform: Framework.Svelte, detectionMethod: svelteWebDetect },
    { platform: Framework.WebUnknown, detectionMethod: webDetect },
    // Last, detect ssr frameworks
    { platform: Framework.NextJsSSR, detectionMethod: nextSSRDetect },
    { platform: Framework.NuxtSSR, detectionMethod: nuxtSSRDetect },
    { platform: Framework.ReactSSR, detectionMethod: reactSSRDetect },
    { platform: Framework.VueJsSSR, detectionMethod: vueSSRDetect },
    { platform: Framework.AngularSSR, detectionMethod: angularSSRDetect },
    { platform: Framework.SvelteSSR, detectionMethod: svelteSSRDetect }
  ];
  function detect() {
    return detectionMap.find((detectionEntry) => detectionEntry.detectionMethod())?.platform || Framework.ServerSideUnknown;
  }

  // node_modules/@aws-amplify/core/dist/esm/Platform/detectFramework.mjs
  var frameworkCache;
  var frameworkChangeObservers = [];
  var resetTriggered = false;
  var SSR_RESET_TIMEOUT = 10;
  var WEB_RESET_TIMEOUT = 10;
  var PRIME_FRAMEWORK_DELAY = 1e3;
  var detectFramework = () => {
    if (!frameworkCache) {
      frameworkCache = detect();
      if (resetTriggered) {
        while (frameworkChangeObservers.length) {
          frameworkChangeObservers.pop()?.();
        }
      } else {
        frameworkChangeObservers.forEach((fcn) => {
          fcn();
        });
      }
      resetTimeout(Framework.ServerSideUnknown, SSR_RESET_TIMEOUT);
      resetTimeout(Framework.WebUnknown, WEB_RESET_TIMEOUT);
    }
    return frameworkCache;
  };
  var observeFrameworkChanges = (fcn) => {
    if (resetTriggered) {
      return;
    }
    frameworkChangeObservers.push(fcn);
  };
  function clearCache() {
    frameworkCache = void 0;
  }
  function resetTimeout(framework, delay) {
    if (frameworkCache === framework && !resetTriggered) {
      setTimeout(() => {
        clearCache();
        resetTriggered = true;
        setTimeout(detectFramework, PRIME_FRAMEWORK_DELAY);
      }, delay);
    }
  }

  // node_modules/@aws-amplify/core/dist/esm/Platform/customUserAgent.mjs
  var customUserAgentState = {};
  var getCustomUserAgent = (category, api2) => customUserAgentState[category]?.[api2]?.additionalDetails;

  // node_modules/@aws-amplify/core/dist/esm/Platform/index.mjs
  var BASE_USER_AGENT = `aws-amplify`;
  var sanitizeAmplifyVersion = (amplifyVersion) => amplifyVersion.replace(/\+.*/, "");
  var PlatformBuilder = class {
    constructor() {
      this.userAgent = `${BASE_USER_AGENT}/${sanitizeAmplifyVersion(version)}`;
    }
    get framework() {
      return detectFramework();
    }
    get isReactNative() {
      return this.framework === Framework.ReactNative || this.framework === Framework.Expo;
    }
    observeFrameworkChanges(fcn) {
      observeFrameworkChanges(fcn);
    }
  };
  var Platform = new PlatformBuilder();
  var getAmplifyUserAgentObject = ({ category, action } = {}) => {
    const userAgent = [
      [BASE_USER_AGENT, sanitizeAmplifyVersion(version)]
    ];
    if (category) {
      userAgent.push([category, action]);
    }
    userAgent.push(["framework", detectFramework()]);
    if (category && action) {
      const customState = getCustomUserAgent(category, action);
      if (customState) {
        customState.forEach((state) => {
          userAgent.push(state);
        });
      }
    }
    return userAgent;
  };
  var getAmplifyUserAgent = (customUserAgentDetails) => {
    const userAgent = getAmplifyUserAgentObject(customUserAgentDetails);
    const userAgentString = userAgent.map(([agentKey, agentValue]) => agentKey && agentValue ? `${agentKey}/${agentValue}` : agentKey).join(" ");
    return userAgentString;
  };

  // node_modules/@aws-amplify/core/dist/esm/utils/isBrowser.mjs
  var isBrowser = () => typeof window !== "undefined" && typeof window.document !== "undefined";

  // node_modules/@aws-amplify/core/dist/esm/errors/NoAmplifyContextError.mjs
  var NO_AMPLIFY_CONTEXT_ERROR_NAME = "NoAmplifyContextError";
  var NoAmplifyContextError = class _NoAmplifyContextError extends AmplifyError {
    constructor(message = "No AmplifyContext available. Call Amplify.configure() to set a global context, or pass a context as the first argument.") {
      super({
        name: NO_AMPLIFY_CONTEXT_ERROR_NAME,
        message,
        recoverySuggestion: "Call Amplify.configure() before using this API, or pass an AmplifyContext created via createAmplifyContext() as the first argument."
      });
      this.constructor = _NoAmplifyContextError;
      Object.setPrototypeOf(this, _NoAmplifyContextError.prototype);
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/context/globalContext.mjs
  var _globalContext = null;
  function getGlobalContext() {
    if (!_globalContext) {
      throw new NoAmplifyContextError();
    }
    return _globalContext;
  }
  function setGlobalContext(ctx) {
    _globalContext = ctx;
  }
  function hasGlobalContext() {
    return _globalContext !== null;
  }

  // node_modules/@aws-amplify/core/dist/esm/context/contextBrand.mjs
  var AMPLIFY_CONTEXT_BRAND = /* @__PURE__ */ Symbol.for("amplify.context");
  function isAmplifyContext(value) {
    return value !== null && value !== void 0 && typeof value === "object" && AMPLIFY_CONTEXT_BRAND in value;
  }

  // node_modules/@aws-amplify/core/dist/esm/errors/PlatformNotSupportedError.mjs
  var PlatformNotSupportedError = class extends AmplifyError {
    constructor() {
      super({
        name: AmplifyErrorCode.PlatformNotSupported,
        message: "Function not supported on current platform"
      });
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/storage/KeyValueStorage.mjs
  var logger4 = new ConsoleLogger("KeyValueStorage");
  var KeyValueStorage = class {
    constructor(storage) {
      this.storage = storage;
    }
    /**
     * This is used to set a specific item in storage
     * @param {string} key - the key for the item
     * @param {object} value - the value
     * @returns {string} value that was set
     */
    async setItem(key, value) {
      if (!this.storage)
        throw new PlatformNotSupportedError();
      this.storage.setItem(key, value);
    }
    /**
     * This is used to get a specific key from storage
     * @param {string} key - the key for the item
     * This is used to clear the storage
     * @returns {string} the data item
     */
    async getItem(key) {
      if (!this.storage)
        throw new PlatformNotSupportedError();
      return this.storage.getItem(key);
    }
    /**
     * This is used to remove an item from storage
     * @param {string} key - the key being set
     * @returns {string} value - value that was deleted
     */
    async removeItem(key) {
      if (!this.storage)
        throw new PlatformNotSupportedError();
      this.storage.removeItem(key);
    }
    /**
     * This is used to clear the storage
     * @returns {string} nothing
     */
    async clear() {
      if (!this.storage)
        throw new PlatformNotSupportedError();
      this.storage.clear();
    }
    /**
     * This is used to allow listening for changes
     * @param {function} listener - the function called on storage change
     * @returns {function} an unsubscribe function that removes the listener. The
     * underlying `window` 'storage' event listener is attached lazily on the
     * first subscription and detached once the last listener unsubscribes. In
     * non-browser (SSR/native) environments nothing is attached and the returned
     * unsubscribe function is a safe no-op.
     */
    addListener(listener) {
      const listeners = this.listeners ?? (this.listeners = /* @__PURE__ */ new Set());
      listeners.add(listener);
      if (isBrowser() && listeners.size === 1) {
        const storageListener = (e) => {
          if (e.storageArea !== this.storage) {
            return;
          }
          this.listeners?.forEach((l) => {
            Promise.resolve(l({
              key: e.key,
              oldValue: e.oldValue,
              newValue: e.newValue
            })).catch((error) => {
              logger4.error("Error in storage event listener", error);
            });
          });
        };
        this.storageListener = storageListener;
        window.addEventListener("storage", storageListener, false);
      }
      return () => {
        listeners.delete(listener);
        const { storageListener } = this;
        if (isBrowser() && listeners.size === 0 && storageListener) {
          window.removeEventListener("storage", storageListener, false);
          this.storageListener = void 0;
        }
      };
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/storage/InMemoryStorage.mjs
  var InMemoryStorage = class {
    constructor() {
      this.storage = /* @__PURE__ */ new Map();
    }
    get length() {
      return this.storage.size;
    }
    key(index) {
      if (index > this.length - 1) {
        return null;
      }
      return Array.from(this.storage.keys())[index];
    }
    setItem(key, value) {
      this.storage.set(key, value);
    }
    getItem(key) {
      return this.storage.get(key) ?? null;
    }
    removeItem(key) {
      this.storage.delete(key);
    }
    clear() {
      this.storage.clear();
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/storage/utils.mjs
  var logger5 = new ConsoleLogger("CoreStorageUtils");
  var getLocalStorageWithFallback = () => {
    try {
      if (typeof window !== "undefined" && window.localStorage) {
        return window.localStorage;
      }
    } catch (e) {
      logger5.info("localStorage not found. InMemoryStorage is used as a fallback.");
    }
    return new InMemoryStorage();
  };
  var getSessionStorageWithFallback = () => {
    try {
      if (typeof window !== "undefined" && window.sessionStorage) {
        window.sessionStorage.getItem("test");
        return window.sessionStorage;
      }
      throw new Error("sessionStorage is not defined");
    } catch (e) {
      logger5.info("sessionStorage not found. InMemoryStorage is used as a fallback.");
      return new InMemoryStorage();
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/storage/DefaultStorage.mjs
  var DefaultStorage = class extends KeyValueStorage {
    constructor() {
      super(getLocalStorageWithFallback());
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/storage/SessionStorage.mjs
  var SessionStorage = class extends KeyValueStorage {
    constructor() {
      super(getSessionStorageWithFallback());
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/storage/SyncKeyValueStorage.mjs
  var _SyncKeyValueStorage_storage;
  var SyncKeyValueStorage = class {
    constructor(storage) {
      _SyncKeyValueStorage_storage.set(this, void 0);
      __classPrivateFieldSet(this, _SyncKeyValueStorage_storage, storage, "f");
    }
    /**
     * This is used to set a specific item in storage
     * @param {string} key - the key for the item
     * @param {object} value - the value
     */
    setItem(key, value) {
      if (!__classPrivateFieldGet(this, _SyncKeyValueStorage_storage, "f"))
        throw new PlatformNotSupportedError();
      __classPrivateFieldGet(this, _SyncKeyValueStorage_storage, "f").setItem(key, value);
    }
    /**
     * This is used to get a specific key from storage
     * @param {string} key - the key for the item
     * @returns {string | null} the data item
     */
    getItem(key) {
      if (!__classPrivateFieldGet(this, _SyncKeyValueStorage_storage, "f"))
        throw new PlatformNotSupportedError();
      return __classPrivateFieldGet(this, _SyncKeyValueStorage_storage, "f").getItem(key);
    }
    /**
     * This is used to remove an item from storage
     * @param {string} key - the key being set
     */
    removeItem(key) {
      if (!__classPrivateFieldGet(this, _SyncKeyValueStorage_storage, "f"))
        throw new PlatformNotSupportedError();
      __classPrivateFieldGet(this, _SyncKeyValueStorage_storage, "f").removeItem(key);
    }
    /**
     * This is used to clear the storage
     */
    clear() {
      if (!__classPrivateFieldGet(this, _SyncKeyValueStorage_storage, "f"))
        throw new PlatformNotSupportedError();
      __classPrivateFieldGet(this, _SyncKeyValueStorage_storage, "f").clear();
    }
  };
  _SyncKeyValueStorage_storage = /* @__PURE__ */ new WeakMap();

  // node_modules/@aws-amplify/core/dist/esm/storage/SyncSessionStorage.mjs
  var SyncSessionStorage = class extends SyncKeyValueStorage {
    constructor() {
      super(getSessionStorageWithFallback());
    }
  };

  // node_modules/js-cookie/dist/js.cookie.mjs
  function assign(target) {
    for (var i = 1; i < arguments.length; i++) {
      var source = arguments[i];
      for (var key in source) {
        if (key === "__proto__") continue;
        target[key] = source[key];
      }
    }
    return target;
  }
  var defaultConverter = {
    read: function(value) {
      if (value[0] === '"') {
        value = value.slice(1, -1);
      }
      return value.replace(/(%[\dA-F]{2})+/gi, decodeURIComponent);
    },
    write: function(value) {
      return encodeURIComponent(value).replace(
        /%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g,
        decodeURIComponent
      );
    }
  };
  function init(converter, defaultAttributes) {
    function set(name, value, attributes) {
      if (typeof document === "undefined") {
        return;
      }
      attributes = assign({}, defaultAttributes, attributes);
      if (typeof attributes.expires === "number") {
        attributes.expires = new Date(Date.now() + attributes.expires * 864e5);
      }
      if (attributes.expires) {
        attributes.expires = attributes.expires.toUTCString();
      }
      name = encodeURIComponent(name).replace(/%(2[346B]|5E|60|7C)/g, decodeURIComponent).replace(/[()]/g, escape);
      var stringifiedAttributes = "";
      for (var attributeName in attributes) {
        if (!attributes[attributeName]) {
          continue;
        }
        stringifiedAttributes += "; " + attributeName;
        if (attributes[attributeName] === true) {
          continue;
        }
        stringifiedAttributes += "=" + attributes[attributeName].split(";")[0];
      }
      return document.cookie = name + "=" + converter.write(value, name) + stringifiedAttributes;
    }
    function get(name) {
      if (typeof document === "undefined" || arguments.length && !name) {
        return;
      }
      var cookies = document.cookie ? document.cookie.split("; ") : [];
      var jar = {};
      for (var i = 0; i < cookies.length; i++) {
        var parts = cookies[i].split("=");
        var value = parts.slice(1).join("=");
        try {
          var found = decodeURIComponent(parts[0]);
          if (!(found in jar)) jar[found] = converter.read(value, found);
          if (name === found) {
            break;
          }
        } catch (_e) {
        }
      }
      return name ? jar[name] : jar;
    }
    return Object.create(
      {
        set,
        get,
        remove: function(name, attributes) {
          set(
            name,
            "",
            assign({}, attributes, {
              expires: -1
            })
          );
        },
        withAttributes: function(attributes) {
          return init(this.converter, assign({}, this.attributes, attributes));
        },
        withConverter: function(converter2) {
          return init(assign({}, this.converter, converter2), this.attributes);
        }
      },
      {
        attributes: { value: Object.freeze(defaultAttributes) },
        converter: { value: Object.freeze(converter) }
      }
    );
  }
  var api = init(defaultConverter, { path: "/" });

  // node_modules/@aws-amplify/core/dist/esm/storage/CookieStorage.mjs
  var CookieStorage = class {
    constructor(data = {}) {
      const { path, domain, expires, sameSite, secure } = data;
      this.domain = domain;
      this.path = path || "/";
      this.expires = Object.prototype.hasOwnProperty.call(data, "expires") ? expires : 365;
      this.secure = Object.prototype.hasOwnProperty.call(data, "secure") ? secure : true;
      if (Object.prototype.hasOwnProperty.call(data, "sameSite")) {
        if (!sameSite || !["strict", "lax", "none"].includes(sameSite)) {
          throw new Error('The sameSite value of cookieStorage must be "lax", "strict" or "none".');
        }
        if (sameSite === "none" && !this.secure) {
          throw new Error("sameSite = None requires the Secure attribute in latest browser versions.");
        }
        this.sameSite = sameSite;
      }
    }
    async setItem(key, value) {
      api.set(key, value, this.getData());
    }
    async getItem(key) {
      const item = api.get(key);
      return item ?? null;
    }
    async removeItem(key) {
      api.remove(key, this.getData());
    }
    async clear() {
      const cookie = api.get();
      const promises = Object.keys(cookie).map((key) => this.removeItem(key));
      await Promise.all(promises);
    }
    getData() {
      return {
        path: this.path,
        expires: this.expires,
        domain: this.domain,
        secure: this.secure,
        ...this.sameSite && { sameSite: this.sameSite }
      };
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/storage/index.mjs
  var defaultStorage = new DefaultStorage();
  var sessionStorage = new SessionStorage();
  var syncSessionStorage = new SyncSessionStorage();
  var sharedInMemoryStorage = new KeyValueStorage(new InMemoryStorage());

  // node_modules/@aws-amplify/core/dist/esm/context/contextToken.mjs
  function createAmplifyContextToken() {
    return Object.freeze({ value: /* @__PURE__ */ Symbol("amplifyContextToken") });
  }

  // node_modules/@aws-amplify/core/dist/esm/errors/InvalidAmplifyContextError.mjs
  var INVALID_AMPLIFY_CONTEXT_ERROR_NAME = "InvalidAmplifyContextError";
  var InvalidAmplifyContextError = class _InvalidAmplifyContextError extends AmplifyError {
    constructor(message = "Invalid AmplifyContext. The value passed in the context position is not a branded AmplifyContext.") {
      super({
        name: INVALID_AMPLIFY_CONTEXT_ERROR_NAME,
        message,
        recoverySuggestion: "Pass an AmplifyContext created via createAmplifyContext() (or Amplify.configure()), or omit the argument to use the global context."
      });
      this.constructor = _InvalidAmplifyContextError;
      Object.setPrototypeOf(this, _InvalidAmplifyContextError.prototype);
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/context/resolveCtxArgs.mjs
  function resolveCtxArgs(args) {
    if (isAmplifyContext(args[0])) {
      return [args[0], ...args.slice(1)];
    }
    if (args.some(isAmplifyContext)) {
      throw new InvalidAmplifyContextError("AmplifyContext must be passed as the first argument. Found an AmplifyContext in a later position \u2014 check the argument order.");
    }
    if (args.length > 1 && args[0] === void 0) {
      throw new NoAmplifyContextError("Undefined AmplifyContext passed. Call configure() first or omit the parameter.");
    }
    return [getGlobalContext(), ...args];
  }

  // node_modules/@aws-amplify/core/dist/esm/singleton/apis/isUnconfiguredNoCtxCall.mjs
  function isUnconfiguredNoCtxCall(args) {
    return !hasGlobalContext() && !args.some(isAmplifyContext) && !(args.length > 1 && args[0] === void 0);
  }

  // node_modules/@aws-amplify/core/dist/esm/singleton/apis/fetchAuthSession.mjs
  function fetchAuthSession(...args) {
    if (isUnconfiguredNoCtxCall(args)) {
      return Promise.resolve({
        tokens: void 0,
        credentials: void 0,
        identityId: void 0,
        userSub: void 0
      });
    }
    const [ctx, options] = resolveCtxArgs(args);
    return ctx.fetchAuthSession(options);
  }

  // node_modules/@aws-amplify/core/dist/esm/context/createAmplifyContext.mjs
  function createAmplifyContext(resourceConfig, libraryOptions, internalOptions) {
    const resolvedResourceConfig = deepFreeze(internalOptions?.skipConfigParse ? resourceConfig : parseAmplifyConfig(resourceConfig));
    const resolvedLibraryOptions = libraryOptions ?? {};
    const auth = new AuthClass();
    auth.configure(resolvedResourceConfig.Auth, resolvedLibraryOptions.Auth);
    const ctx = {
      // Already deep-frozen above (both parse paths).
      resourcesConfig: resolvedResourceConfig,
      libraryOptions: resolvedLibraryOptions,
      // Unique, frozen per-context identity handle (see AmplifyContextToken).
      // Attached before the brand/freeze below so the frozen context carries it.
      token: createAmplifyContextToken(),
      fetchAuthSession: (fetchOptions) => auth.fetchAuthSession(fetchOptions ?? {}),
      clearCredentials: () => auth.clearCredentials(),
      getTokens: (tokenOptions) => auth.getTokens(tokenOptions)
    };
    Object.defineProperty(ctx, AMPLIFY_CONTEXT_BRAND, {
      value: true,
      enumerable: false,
      configurable: false,
      writable: false
    });
    Object.freeze(ctx);
    return ctx;
  }

  // node_modules/@aws-amplify/core/dist/esm/clients/serde/responseInfo.mjs
  var parseMetadata = (response) => {
    const { headers, statusCode } = response;
    return {
      ...isMetadataBearer(response) ? response.$metadata : {},
      httpStatusCode: statusCode,
      requestId: headers["x-amzn-requestid"] ?? headers["x-amzn-request-id"] ?? headers["x-amz-request-id"],
      extendedRequestId: headers["x-amz-id-2"],
      cfId: headers["x-amz-cf-id"]
    };
  };
  var isMetadataBearer = (response) => typeof response?.$metadata === "object";

  // node_modules/@aws-amplify/core/dist/esm/clients/serde/json.mjs
  var parseJsonError = async (response) => {
    if (!response || response.statusCode < 300) {
      return;
    }
    const body = await parseJsonBody(response);
    const sanitizeErrorCode = (rawValue) => {
      const [cleanValue] = rawValue.toString().split(/[,:]+/);
      if (cleanValue.includes("#")) {
        return cleanValue.split("#")[1];
      }
      return cleanValue;
    };
    const code = sanitizeErrorCode(response.headers["x-amzn-errortype"] ?? body.code ?? body.__type ?? "UnknownError");
    const message = body.message ?? body.Message ?? "Unknown error";
    const error = new Error(message);
    return Object.assign(error, {
      name: code,
      $metadata: parseMetadata(response)
    });
  };
  var parseJsonBody = async (response) => {
    if (!response.body) {
      throw new Error("Missing response payload");
    }
    const output = await response.body.json();
    return Object.assign(output, {
      $metadata: parseMetadata(response)
    });
  };

  // node_modules/@aws-amplify/core/dist/esm/clients/internal/composeServiceApi.mjs
  var composeServiceApi = (transferHandler, serializer, deserializer, defaultConfig2) => {
    return async (config, input) => {
      const resolvedConfig = {
        ...defaultConfig2,
        ...config
      };
      const endpoint = await resolvedConfig.endpointResolver(resolvedConfig, input);
      const request = await serializer(input, endpoint);
      const response = await transferHandler(request, {
        ...resolvedConfig
      });
      return deserializer(response);
    };
  };

  // node_modules/@aws-amplify/core/dist/esm/utils/retry/constants.mjs
  var MAX_DELAY_MS = 5 * 60 * 1e3;

  // node_modules/@aws-amplify/core/dist/esm/utils/retry/jitteredBackoff.mjs
  function jitteredBackoff(maxDelayMs = MAX_DELAY_MS) {
    const BASE_TIME_MS = 100;
    const JITTER_FACTOR = 100;
    return (attempt) => {
      const delay = 2 ** attempt * BASE_TIME_MS + JITTER_FACTOR * Math.random();
      return delay > maxDelayMs ? false : delay;
    };
  }

  // node_modules/@aws-amplify/core/dist/esm/clients/middleware/retry/constants.mjs
  var DEFAULT_RETRY_ATTEMPTS = 3;
  var AMZ_SDK_INVOCATION_ID_HEADER = "amz-sdk-invocation-id";
  var AMZ_SDK_REQUEST_HEADER = "amz-sdk-request";
  var DEFAULT_MAX_DELAY_MS = 5 * 60 * 1e3;

  // node_modules/@aws-amplify/core/dist/esm/clients/middleware/retry/jitteredBackoff.mjs
  var jitteredBackoff2 = (attempt) => {
    const delayFunction = jitteredBackoff(DEFAULT_MAX_DELAY_MS);
    const delay = delayFunction(attempt);
    return delay === false ? DEFAULT_MAX_DELAY_MS : delay;
  };

  // node_modules/@aws-amplify/core/dist/esm/clients/middleware/retry/isClockSkewError.mjs
  var CLOCK_SKEW_ERROR_CODES = [
    "AuthFailure",
    "InvalidSignatureException",
    "RequestExpired",
    "RequestInTheFuture",
    "RequestTimeTooSkewed",
    "SignatureDoesNotMatch",
    "BadRequestException"
    // API Gateway
  ];
  var isClockSkewError = (errorCode) => !!errorCode && CLOCK_SKEW_ERROR_CODES.includes(errorCode);

  // node_modules/@aws-amplify/core/dist/esm/clients/middleware/retry/defaultRetryDecider.mjs
  var getRetryDecider = (errorParser) => async (response, error) => {
    const parsedError = error ?? await errorParser(response) ?? void 0;
    const errorCode = parsedError?.code || parsedError?.name;
    const statusCode = response?.statusCode;
    const isRetryable = isConnectionError(error) || isThrottlingError(statusCode, errorCode) || isClockSkewError(errorCode) || isServerSideError(statusCode, errorCode);
    return {
      retryable: isRetryable
    };
  };
  var THROTTLING_ERROR_CODES = [
    "BandwidthLimitExceeded",
    "EC2ThrottledException",
    "LimitExceededException",
    "PriorRequestNotComplete",
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "SlowDown",
    "ThrottledException",
    "Throttling",
    "ThrottlingException",
    "TooManyRequestsException"
  ];
  var TIMEOUT_ERROR_CODES = [
    "TimeoutError",
    "RequestTimeout",
    "RequestTimeoutException"
  ];
  var isThrottlingError = (statusCode, errorCode) => statusCode === 429 || !!errorCode && THROTTLING_ERROR_CODES.includes(errorCode);
  var isConnectionError = (error) => [
    AmplifyErrorCode.NetworkError,
    // TODO(vNext): unify the error code `ERR_NETWORK` used by the Storage XHR handler
    "ERR_NETWORK"
  ].includes(error?.name);
  var isServerSideError = (statusCode, errorCode) => !!statusCode && [500, 502, 503, 504].includes(statusCode) || !!errorCode && TIMEOUT_ERROR_CODES.includes(errorCode);

  // node_modules/@aws-amplify/core/dist/esm/foundation/factories/serviceClients/cognitoIdentity/constants.mjs
  var COGNITO_IDENTITY_SERVICE_NAME = "cognito-identity";
  var DEFAULT_SERVICE_CLIENT_API_CONFIG = {
    service: COGNITO_IDENTITY_SERVICE_NAME,
    retryDecider: getRetryDecider(parseJsonError),
    computeDelay: jitteredBackoff2,
    cache: "no-store"
  };

  // node_modules/@aws-amplify/core/dist/esm/clients/middleware/retry/retryMiddleware.mjs
  var retryMiddlewareFactory = ({ maxAttempts = DEFAULT_RETRY_ATTEMPTS, retryDecider, computeDelay, abortSignal }) => {
    if (maxAttempts < 1) {
      throw new Error("maxAttempts must be greater than 0");
    }
    return (next, context) => async function retryMiddleware(request) {
      let error;
      let attemptsCount = context.attemptsCount ?? 0;
      let response;
      const handleTerminalErrorOrResponse = () => {
        if (response) {
          addOrIncrementMetadataAttempts(response, attemptsCount);
          return response;
        } else {
          addOrIncrementMetadataAttempts(error, attemptsCount);
          throw error;
        }
      };
      while (!abortSignal?.aborted && attemptsCount < maxAttempts) {
        try {
          response = await next(request);
          error = void 0;
        } catch (e) {
          error = e;
          response = void 0;
        }
        attemptsCount = (context.attemptsCount ?? 0) > attemptsCount ? context.attemptsCount ?? 0 : attemptsCount + 1;
        context.attemptsCount = attemptsCount;
        const { isCredentialsExpiredError, retryable } = await retryDecider(response, error, context);
        if (retryable) {
          context.isCredentialsExpired = !!isCredentialsExpiredError;
          if (!abortSignal?.aborted && attemptsCount < maxAttempts) {
            const delay = computeDelay(attemptsCount);
            await cancellableSleep(delay, abortSignal);
          }
          continue;
        } else {
          return handleTerminalErrorOrResponse();
        }
      }
      if (abortSignal?.aborted) {
        throw new Error("Request aborted.");
      } else {
        return handleTerminalErrorOrResponse();
      }
    };
  };
  var cancellableSleep = (timeoutMs, abortSignal) => {
    if (abortSignal?.aborted) {
      return Promise.resolve();
    }
    let timeoutId;
    let sleepPromiseResolveFn;
    const sleepPromise = new Promise((resolve) => {
      sleepPromiseResolveFn = resolve;
      timeoutId = setTimeout(resolve, timeoutMs);
    });
    abortSignal?.addEventListener("abort", function cancelSleep(_) {
      clearTimeout(timeoutId);
      abortSignal?.removeEventListener("abort", cancelSleep);
      sleepPromiseResolveFn();
    });
    return sleepPromise;
  };
  var addOrIncrementMetadataAttempts = (nextHandlerOutput, attempts) => {
    if (Object.prototype.toString.call(nextHandlerOutput) !== "[object Object]") {
      return;
    }
    nextHandlerOutput.$metadata = {
      ...nextHandlerOutput.$metadata ?? {},
      attempts
    };
  };

  // node_modules/@aws-amplify/core/dist/esm/utils/amplifyUuid/index.mjs
  var amplifyUuid = v4_default;

  // node_modules/@aws-amplify/core/dist/esm/clients/middleware/retry/amzSdkInvocationIdHeaderMiddleware.mjs
  var amzSdkInvocationIdHeaderMiddlewareFactory = () => (next) => {
    return async function amzSdkInvocationIdHeaderMiddleware(request) {
      if (!request.headers[AMZ_SDK_INVOCATION_ID_HEADER]) {
        request.headers[AMZ_SDK_INVOCATION_ID_HEADER] = amplifyUuid();
      }
      return next(request);
    };
  };

  // node_modules/@aws-amplify/core/dist/esm/clients/middleware/retry/amzSdkRequestHeaderMiddleware.mjs
  var amzSdkRequestHeaderMiddlewareFactory = ({ maxAttempts = DEFAULT_RETRY_ATTEMPTS }) => (next, context) => {
    return async function amzSdkRequestHeaderMiddleware(request) {
      const attemptsCount = context.attemptsCount ?? 0;
      request.headers[AMZ_SDK_REQUEST_HEADER] = `attempt=${attemptsCount + 1}; max=${maxAttempts}`;
      return next(request);
    };
  };

  // node_modules/@aws-amplify/core/dist/esm/clients/middleware/userAgent/middleware.mjs
  var userAgentMiddlewareFactory = ({ userAgentHeader = "x-amz-user-agent", userAgentValue = "" }) => (next) => {
    return async function userAgentMiddleware(request) {
      if (userAgentValue.trim().length === 0) {
        const result = await next(request);
        return result;
      } else {
        const headerName = userAgentHeader.toLowerCase();
        request.headers[headerName] = request.headers[headerName] ? `${request.headers[headerName]} ${userAgentValue}` : userAgentValue;
        const response = await next(request);
        return response;
      }
    };
  };

  // node_modules/@aws-amplify/core/dist/esm/clients/internal/composeTransferHandler.mjs
  var composeTransferHandler = (coreHandler, middleware) => (request, options) => {
    const context = {};
    let composedHandler = (composeHandlerRequest) => coreHandler(composeHandlerRequest, options);
    for (let i = middleware.length - 1; i >= 0; i--) {
      const m = middleware[i];
      const resolvedMiddleware = m(options);
      composedHandler = resolvedMiddleware(composedHandler, context);
    }
    return composedHandler(request);
  };

  // node_modules/@aws-amplify/core/dist/esm/clients/utils/memoization.mjs
  var withMemoization = (payloadAccessor) => {
    let cached;
    return () => {
      if (!cached) {
        cached = payloadAccessor();
      }
      return cached;
    };
  };

  // node_modules/@aws-amplify/core/dist/esm/clients/handlers/fetch.mjs
  var shouldSendBody = (method) => !["HEAD", "GET"].includes(method.toUpperCase());
  var fetchTransferHandler = async ({ url, method, headers, body }, { abortSignal, cache, withCrossDomainCredentials }) => {
    let resp;
    try {
      resp = await fetch(url, {
        method,
        headers,
        body: shouldSendBody(method) ? body : void 0,
        signal: abortSignal,
        cache,
        credentials: withCrossDomainCredentials ? "include" : "same-origin"
      });
    } catch (e) {
      if (e instanceof TypeError) {
        throw new AmplifyError({
          name: AmplifyErrorCode.NetworkError,
          message: "A network error has occurred.",
          underlyingError: e
        });
      }
      throw e;
    }
    const responseHeaders = {};
    resp.headers?.forEach((value, key) => {
      responseHeaders[key.toLowerCase()] = value;
    });
    const httpResponse = {
      statusCode: resp.status,
      headers: responseHeaders,
      body: null
    };
    const bodyWithMixin = Object.assign(resp.body ?? {}, {
      text: withMemoization(() => resp.text()),
      blob: withMemoization(() => resp.blob()),
      json: withMemoization(() => resp.json())
    });
    return {
      ...httpResponse,
      body: bodyWithMixin
    };
  };

  // node_modules/@aws-amplify/core/dist/esm/clients/handlers/aws/unauthenticated.mjs
  var unauthenticatedHandler = composeTransferHandler(fetchTransferHandler, [
    userAgentMiddlewareFactory,
    amzSdkInvocationIdHeaderMiddlewareFactory,
    retryMiddlewareFactory,
    amzSdkRequestHeaderMiddlewareFactory
  ]);

  // node_modules/@aws-amplify/core/dist/esm/foundation/factories/middleware/createDisableCacheMiddleware.mjs
  var createDisableCacheMiddleware = () => (next) => async function disableCacheMiddleware(request) {
    request.headers["cache-control"] = "no-store";
    return next(request);
  };

  // node_modules/@aws-amplify/core/dist/esm/foundation/factories/serviceClients/cognitoIdentity/handler/cognitoIdentityTransferHandler.mjs
  var cognitoIdentityTransferHandler = composeTransferHandler(unauthenticatedHandler, [createDisableCacheMiddleware]);

  // node_modules/@aws-amplify/core/dist/esm/foundation/factories/serviceClients/cognitoIdentity/serde/createClientSerializer.mjs
  var createClientSerializer = (operation) => (input, endpoint) => {
    const headers = getSharedHeaders(operation);
    const body = JSON.stringify(input);
    return buildHttpRpcRequest(endpoint, headers, body);
  };
  var getSharedHeaders = (operation) => ({
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": `AWSCognitoIdentityService.${operation}`
  });
  var buildHttpRpcRequest = ({ url }, headers, body) => ({
    headers,
    url,
    body,
    method: "POST"
  });

  // node_modules/@aws-amplify/core/dist/esm/foundation/factories/serviceClients/cognitoIdentity/createGetCredentialsForIdentityClient.mjs
  var createGetCredentialsForIdentityClient = (config) => composeServiceApi(cognitoIdentityTransferHandler, createClientSerializer("GetCredentialsForIdentity"), getCredentialsForIdentityDeserializer, {
    ...DEFAULT_SERVICE_CLIENT_API_CONFIG,
    ...config,
    userAgentValue: getAmplifyUserAgent()
  });
  var getCredentialsForIdentityDeserializer = async (response) => {
    if (response.statusCode >= 300) {
      const error = await parseJsonError(response);
      throw error;
    }
    const body = await parseJsonBody(response);
    return {
      IdentityId: body.IdentityId,
      Credentials: deserializeCredentials(body.Credentials),
      $metadata: parseMetadata(response)
    };
  };
  var deserializeCredentials = ({ Expiration, ...rest } = {}) => ({
    ...rest,
    Expiration: Expiration && new Date(Expiration * 1e3)
  });

  // node_modules/@aws-amplify/core/dist/esm/foundation/factories/serviceClients/cognitoIdentity/createGetIdClient.mjs
  var createGetIdClient = (config) => composeServiceApi(cognitoIdentityTransferHandler, createClientSerializer("GetId"), getIdDeserializer, {
    ...DEFAULT_SERVICE_CLIENT_API_CONFIG,
    ...config,
    userAgentValue: getAmplifyUserAgent()
  });
  var getIdDeserializer = async (response) => {
    if (response.statusCode >= 300) {
      const error = await parseJsonError(response);
      throw error;
    }
    const body = await parseJsonBody(response);
    return {
      IdentityId: body.IdentityId,
      $metadata: parseMetadata(response)
    };
  };

  // node_modules/@aws-amplify/core/dist/esm/clients/endpoints/partitions.mjs
  var defaultPartition = {
    id: "aws",
    outputs: {
      dnsSuffix: "amazonaws.com"
    },
    regionRegex: "^(us|eu|ap|sa|ca|me|af)\\-\\w+\\-\\d+$",
    regions: ["aws-global"]
  };
  var partitionsInfo = {
    partitions: [
      defaultPartition,
      {
        id: "aws-cn",
        outputs: {
          dnsSuffix: "amazonaws.com.cn"
        },
        regionRegex: "^cn\\-\\w+\\-\\d+$",
        regions: ["aws-cn-global"]
      }
    ]
  };

  // node_modules/@aws-amplify/core/dist/esm/clients/endpoints/getDnsSuffix.mjs
  var getDnsSuffix = (region) => {
    const { partitions } = partitionsInfo;
    for (const { regions, outputs, regionRegex } of partitions) {
      const regex = new RegExp(regionRegex);
      if (regions.includes(region) || regex.test(region)) {
        return outputs.dnsSuffix;
      }
    }
    return defaultPartition.outputs.dnsSuffix;
  };

  // node_modules/@aws-amplify/core/dist/esm/utils/amplifyUrl/index.mjs
  var AmplifyUrl = URL;

  // node_modules/@aws-amplify/core/dist/esm/foundation/factories/serviceClients/cognitoIdentity/cognitoIdentityPoolEndpointResolver.mjs
  var cognitoIdentityPoolEndpointResolver = ({ region }) => ({
    url: new AmplifyUrl(`https://${COGNITO_IDENTITY_SERVICE_NAME}.${region}.${getDnsSuffix(region)}`)
  });

  // node_modules/@aws-amplify/core/dist/esm/Cache/constants.mjs
  var defaultConfig = {
    keyPrefix: "aws-amplify-cache",
    capacityInBytes: 1048576,
    // 1MB
    itemMaxSize: 21e4,
    // about 200kb
    defaultTTL: 2592e5,
    // about 3 days
    defaultPriority: 5,
    warningThreshold: 0.8
  };
  var currentSizeKey = "CurSize";

  // node_modules/@aws-amplify/core/dist/esm/Cache/utils/cacheHelpers.mjs
  function getByteLength(str) {
    let ret = 0;
    ret = str.length;
    for (let i = str.length; i >= 0; i -= 1) {
      const charCode = str.charCodeAt(i);
      if (charCode > 127 && charCode <= 2047) {
        ret += 1;
      } else if (charCode > 2047 && charCode <= 65535) {
        ret += 2;
      }
      if (charCode >= 56320 && charCode <= 57343) {
        i -= 1;
      }
    }
    return ret;
  }
  function getCurrentTime() {
    const currentTime = /* @__PURE__ */ new Date();
    return currentTime.getTime();
  }
  var getCurrentSizeKey = (keyPrefix) => `${keyPrefix}${currentSizeKey}`;

  // node_modules/@aws-amplify/core/dist/esm/Cache/utils/errorHelpers.mjs
  var CacheErrorCode;
  (function(CacheErrorCode2) {
    CacheErrorCode2["NoCacheItem"] = "NoCacheItem";
    CacheErrorCode2["NullNextNode"] = "NullNextNode";
    CacheErrorCode2["NullPreviousNode"] = "NullPreviousNode";
  })(CacheErrorCode || (CacheErrorCode = {}));
  var cacheErrorMap = {
    [CacheErrorCode.NoCacheItem]: {
      message: "Item not found in the cache storage."
    },
    [CacheErrorCode.NullNextNode]: {
      message: "Next node is null."
    },
    [CacheErrorCode.NullPreviousNode]: {
      message: "Previous node is null."
    }
  };
  var assert2 = createAssertionFunction(cacheErrorMap);

  // node_modules/@aws-amplify/core/dist/esm/Cache/StorageCacheCommon.mjs
  var logger6 = new ConsoleLogger("StorageCache");
  var StorageCacheCommon = class {
    /**
     * Initialize the cache
     *
     * @param config - Custom configuration for this instance.
     */
    constructor({ config, keyValueStorage }) {
      this.config = {
        ...defaultConfig,
        ...config
      };
      this.keyValueStorage = keyValueStorage;
      this.sanitizeConfig();
    }
    getModuleName() {
      return "Cache";
    }
    /**
     * Set custom configuration for the cache instance.
     *
     * @param config - customized configuration (without keyPrefix, which can't be changed)
     *
     * @return - the current configuration
     */
    configure(config) {
      if (config) {
        if (config.keyPrefix) {
          logger6.warn("keyPrefix can not be re-configured on an existing Cache instance.");
        }
        this.config = {
          ...this.config,
          ...config
        };
      }
      this.sanitizeConfig();
      return this.config;
    }
    /**
     * return the current size of the cache
     * @return {Promise}
     */
    async getCurrentCacheSize() {
      let size = await this.getStorage().getItem(getCurrentSizeKey(this.config.keyPrefix));
      if (!size) {
        await this.getStorage().setItem(getCurrentSizeKey(this.config.keyPrefix), "0");
        size = "0";
      }
      return Number(size);
    }
    /**
     * Set item into cache. You can put number, string, boolean or object.
     * The cache will first check whether has the same key.
     * If it has, it will delete the old item and then put the new item in
     * The cache will pop out items if it is full
     * You can specify the cache item options. The cache will abort and output a warning:
     * If the key is invalid
     * If the size of the item exceeds itemMaxSize.
     * If the value is undefined
     * If incorrect cache item configuration
     * If error happened with browser storage
     *
     * @param {String} key - the key of the item
     * @param {Object} value - the value of the item
     * @param {Object} [options] - optional, the specified meta-data
     *
     * @return {Promise}
     */
    async setItem(key, value, options) {
      logger6.debug(`Set item: key is ${key}, value is ${value} with options: ${options}`);
      if (!key || key === currentSizeKey) {
        logger6.warn(`Invalid key: should not be empty or reserved key: '${currentSizeKey}'`);
        return;
      }
      if (typeof value === "undefined") {
        logger6.warn(`The value of item should not be undefined!`);
        return;
      }
      const cacheItemOptions = {
        priority: options?.priority !== void 0 ? options.priority : this.config.defaultPriority,
        expires: options?.expires !== void 0 ? options.expires : this.config.defaultTTL + getCurrentTime()
      };
      if (cacheItemOptions.priority < 1 || cacheItemOptions.priority > 5) {
        logger6.warn(`Invalid parameter: priority due to out or range. It should be within 1 and 5.`);
        return;
      }
      const prefixedKey = `${this.config.keyPrefix}${key}`;
      const item = this.fillCacheItem(prefixedKey, value, cacheItemOptions);
      if (item.byteSize > this.config.itemMaxSize) {
        logger6.warn(`Item with key: ${key} you are trying to put into is too big!`);
        return;
      }
      try {
        const val = await this.getStorage().getItem(prefixedKey);
        if (val) {
          await this.removeCacheItem(prefixedKey, JSON.parse(val).byteSize);
        }
        if (await this.isCacheFull(item.byteSize)) {
          const validKeys = await this.clearInvalidAndGetRemainingKeys();
          if (await this.isCacheFull(item.byteSize)) {
            const sizeToPop = await this.sizeToPop(item.byteSize);
            await this.popOutItems(validKeys, sizeToPop);
          }
        }
        return this.setCacheItem(prefixedKey, item);
      } catch (e) {
        logger6.warn(`setItem failed! ${e}`);
      }
    }
    /**
     * Get item from cache. It will return null if item doesn’t exist or it has been expired.
     * If you specified callback function in the options,
     * then the function will be executed if no such item in the cache
     * and finally put the return value into cache.
     * Please make sure the callback function will return the value you want to put into the cache.
     * The cache will abort output a warning:
     * If the key is invalid
     * If error happened with AsyncStorage
     *
     * @param {String} key - the key of the item
     * @param {Object} [options] - the options of callback function
     *
     * @return {Promise} - return a promise resolves to be the value of the item
     */
    async getItem(key, options) {
      logger6.debug(`Get item: key is ${key} with options ${options}`);
      let cached;
      if (!key || key === currentSizeKey) {
        logger6.warn(`Invalid key: should not be empty or reserved key: '${currentSizeKey}'`);
        return null;
      }
      const prefixedKey = `${this.config.keyPrefix}${key}`;
      try {
        cached = await this.getStorage().getItem(prefixedKey);
        if (cached != null) {
          if (await this.isExpired(prefixedKey)) {
            await this.removeCacheItem(prefixedKey, JSON.parse(cached).byteSize);
          } else {
            const item = await this.updateVisitedTime(JSON.parse(cached), prefixedKey);
            return item.data;
          }
        }
        if (options?.callback) {
          const val = options.callback();
          if (val !== null) {
            await this.setItem(key, val, options);
          }
          return val;
        }
        return null;
      } catch (e) {
        logger6.warn(`getItem failed! ${e}`);
        return null;
      }
    }
    /**
     * remove item from the cache
     * The cache will abort output a warning:
     * If error happened with AsyncStorage
     * @param {String} key - the key of the item
     * @return {Promise}
     */
    async removeItem(key) {
      logger6.debug(`Remove item: key is ${key}`);
      if (!key || key === currentSizeKey) {
        logger6.warn(`Invalid key: should not be empty or reserved key: '${currentSizeKey}'`);
        return;
      }
      const prefixedKey = `${this.config.keyPrefix}${key}`;
      try {
        const val = await this.getStorage().getItem(prefixedKey);
        if (val) {
          await this.removeCacheItem(prefixedKey, JSON.parse(val).byteSize);
        }
      } catch (e) {
        logger6.warn(`removeItem failed! ${e}`);
      }
    }
    /**
     * Return all the keys owned by this cache.
     * Will return an empty array if error occurred.
     *
     * @return {Promise}
     */
    async getAllKeys() {
      try {
        return await this.getAllCacheKeys();
      } catch (e) {
        logger6.warn(`getAllkeys failed! ${e}`);
        return [];
      }
    }
    getStorage() {
      return this.keyValueStorage;
    }
    /**
     * check whether item is expired
     *
     * @param key - the key of the item
     *
     * @return true if the item is expired.
     */
    async isExpired(key) {
      const text = await this.getStorage().getItem(key);
      assert2(text !== null, CacheErrorCode.NoCacheItem, `Key: ${key}`);
      const item = JSON.parse(text);
      if (getCurrentTime() >= item.expires) {
        return true;
      }
      return false;
    }
    /**
     * delete item from cache
     *
     * @param prefixedKey - the key of the item
     * @param size - optional, the byte size of the item
     */
    async removeCacheItem(prefixedKey, size) {
      const item = await this.getStorage().getItem(prefixedKey);
      assert2(item !== null, CacheErrorCode.NoCacheItem, `Key: ${prefixedKey}`);
      const itemSize = size ?? JSON.parse(item).byteSize;
      await this.decreaseCurrentSizeInBytes(itemSize);
      try {
        await this.getStorage().removeItem(prefixedKey);
      } catch (removeItemError) {
        await this.increaseCurrentSizeInBytes(itemSize);
        logger6.error(`Failed to remove item: ${removeItemError}`);
      }
    }
    /**
     * produce a JSON object with meta-data and data value
     * @param value - the value of the item
     * @param options - optional, the specified meta-data
     *
     * @return - the item which has the meta-data and the value
     */
    fillCacheItem(key, value, options) {
      const item = {
        key,
        data: value,
        timestamp: getCurrentTime(),
        visitedTime: getCurrentTime(),
        priority: options.priority ?? 0,
        expires: options.expires ?? 0,
        type: typeof value,
        byteSize: 0
      };
      item.byteSize = getByteLength(JSON.stringify(item));
      item.byteSize = getByteLength(JSON.stringify(item));
      return item;
    }
    sanitizeConfig() {
      if (this.config.itemMaxSize > this.config.capacityInBytes) {
        logger6.error("Invalid parameter: itemMaxSize. It should be smaller than capacityInBytes. Setting back to default.");
        this.config.itemMaxSize = defaultConfig.itemMaxSize;
      }
      if (this.config.defaultPriority > 5 || this.config.defaultPriority < 1) {
        logger6.error("Invalid parameter: defaultPriority. It should be between 1 and 5. Setting back to default.");
        this.config.defaultPriority = defaultConfig.defaultPriority;
      }
      if (Number(this.config.warningThreshold) > 1 || Number(this.config.warningThreshold) < 0) {
        logger6.error("Invalid parameter: warningThreshold. It should be between 0 and 1. Setting back to default.");
        this.config.warningThreshold = defaultConfig.warningThreshold;
      }
      const cacheLimit = 5 * 1024 * 1024;
      if (this.config.capacityInBytes > cacheLimit) {
        logger6.error("Cache Capacity should be less than 5MB. Setting back to default. Setting back to default.");
        this.config.capacityInBytes = defaultConfig.capacityInBytes;
      }
    }
    /**
     * increase current size of the cache
     *
     * @param amount - the amount of the cache szie which need to be increased
     */
    async increaseCurrentSizeInBytes(amount) {
      const size = await this.getCurrentCacheSize();
      await this.getStorage().setItem(getCurrentSizeKey(this.config.keyPrefix), (size + amount).toString());
    }
    /**
     * decrease current size of the cache
     *
     * @param amount - the amount of the cache size which needs to be decreased
     */
    async decreaseCurrentSizeInBytes(amount) {
      const size = await this.getCurrentCacheSize();
      await this.getStorage().setItem(getCurrentSizeKey(this.config.keyPrefix), (size - amount).toString());
    }
    /**
     * update the visited time if item has been visited
     *
     * @param item - the item which need to be updated
     * @param prefixedKey - the key of the item
     *
     * @return the updated item
     */
    async updateVisitedTime(item, prefixedKey) {
      item.visitedTime = getCurrentTime();
      await this.getStorage().setItem(prefixedKey, JSON.stringify(item));
      return item;
    }
    /**
     * put item into cache
     *
     * @param prefixedKey - the key of the item
     * @param itemData - the value of the item
     * @param itemSizeInBytes - the byte size of the item
     */
    async setCacheItem(prefixedKey, item) {
      await this.increaseCurrentSizeInBytes(item.byteSize);
      try {
        await this.getStorage().setItem(prefixedKey, JSON.stringify(item));
      } catch (setItemErr) {
        await this.decreaseCurrentSizeInBytes(item.byteSize);
        logger6.error(`Failed to set item ${setItemErr}`);
      }
    }
    /**
     * total space needed when poping out items
     *
     * @param itemSize
     *
     * @return total space needed
     */
    async sizeToPop(itemSize) {
      const cur = await this.getCurrentCacheSize();
      const spaceItemNeed = cur + itemSize - this.config.capacityInBytes;
      const cacheThresholdSpace = (1 - this.config.warningThreshold) * this.config.capacityInBytes;
      return spaceItemNeed > cacheThresholdSpace ? spaceItemNeed : cacheThresholdSpace;
    }
    /**
     * see whether cache is full
     *
     * @param itemSize
     *
     * @return true if cache is full
     */
    async isCacheFull(itemSize) {
      const cur = await this.getCurrentCacheSize();
      return itemSize + cur > this.config.capacityInBytes;
    }
    /**
     * get all the items we have, sort them by their priority,
     * if priority is same, sort them by their last visited time
     * pop out items from the low priority (5 is the lowest)
     * @private
     * @param keys - all the keys in this cache
     * @param sizeToPop - the total size of the items which needed to be poped out
     */
    async popOutItems(keys, sizeToPop) {
      const items = [];
      let remainedSize = sizeToPop;
      for (const key of keys) {
        const val = await this.getStorage().getItem(key);
        if (val != null) {
          const item = JSON.parse(val);
          items.push(item);
        }
      }
      items.sort((a, b) => {
        if (a.priority > b.priority) {
          return -1;
        } else if (a.priority < b.priority) {
          return 1;
        } else {
          if (a.visitedTime < b.visitedTime) {
            return -1;
          } else
            return 1;
        }
      });
      for (const item of items) {
        await this.removeCacheItem(item.key, item.byteSize);
        remainedSize -= item.byteSize;
        if (remainedSize <= 0) {
          return;
        }
      }
    }
    /**
     * Scan the storage and combine the following operations for efficiency
     *   1. Clear out all expired keys owned by this cache, not including the size key.
     *   2. Return the remaining keys.
     *
     * @return The remaining valid keys
     */
    async clearInvalidAndGetRemainingKeys() {
      const remainingKeys = [];
      const keys = await this.getAllCacheKeys({
        omitSizeKey: true
      });
      for (const key of keys) {
        if (await this.isExpired(key)) {
          await this.removeCacheItem(key);
        } else {
          remainingKeys.push(key);
        }
      }
      return remainingKeys;
    }
    /**
     * clear the entire cache
     * The cache will abort and output a warning if error occurs
     * @return {Promise}
     */
    async clear() {
      logger6.debug(`Clear Cache`);
      try {
        const keys = await this.getAllKeys();
        for (const key of keys) {
          const prefixedKey = `${this.config.keyPrefix}${key}`;
          await this.getStorage().removeItem(prefixedKey);
        }
      } catch (e) {
        logger6.warn(`clear failed! ${e}`);
      }
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/Cache/StorageCache.mjs
  var logger7 = new ConsoleLogger("StorageCache");
  var StorageCache = class _StorageCache extends StorageCacheCommon {
    /**
     * initialize the cache
     * @param config - the configuration of the cache
     */
    constructor(config) {
      const storage = getLocalStorageWithFallback();
      super({ config, keyValueStorage: new KeyValueStorage(storage) });
      this.storage = storage;
      this.getItem = this.getItem.bind(this);
      this.setItem = this.setItem.bind(this);
      this.removeItem = this.removeItem.bind(this);
    }
    async getAllCacheKeys(options) {
      const { omitSizeKey } = options ?? {};
      const keys = [];
      for (let i = 0; i < this.storage.length; i++) {
        const key = this.storage.key(i);
        if (omitSizeKey && key === getCurrentSizeKey(this.config.keyPrefix)) {
          continue;
        }
        if (key?.startsWith(this.config.keyPrefix)) {
          keys.push(key.substring(this.config.keyPrefix.length));
        }
      }
      return keys;
    }
    /**
     * Return a new instance of cache with customized configuration.
     * @param {Object} config - the customized configuration
     * @return {Object} - the new instance of Cache
     */
    createInstance(config) {
      if (!config.keyPrefix || config.keyPrefix === defaultConfig.keyPrefix) {
        logger7.error("invalid keyPrefix, setting keyPrefix with timeStamp");
        config.keyPrefix = getCurrentTime.toString();
      }
      return new _StorageCache(config);
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/Cache/index.mjs
  var Cache = new StorageCache();

  // node_modules/@aws-amplify/core/dist/esm/I18n/I18n.mjs
  var logger8 = new ConsoleLogger("I18n");
  var I18n$1 = class I18n {
    constructor() {
      this._options = null;
      this._lang = null;
      this._dict = {};
    }
    /**
     * Sets the default language from the configuration when required.
     */
    setDefaultLanguage() {
      if (!this._lang && typeof window !== "undefined" && window && window.navigator) {
        this._lang = window.navigator.language;
      }
      logger8.debug(this._lang);
    }
    /**
     * @method
     * Explicitly setting language
     * @param {String} lang
     */
    setLanguage(lang) {
      this._lang = lang;
    }
    /**
     * @method
     * Get value
     * @param {String} key
     * @param {String} defVal - Default value
     */
    get(key, defVal = void 0) {
      this.setDefaultLanguage();
      if (!this._lang) {
        return typeof defVal !== "undefined" ? defVal : key;
      }
      const lang = this._lang;
      let val = this.getByLanguage(key, lang);
      if (val) {
        return val;
      }
      if (lang.indexOf("-") > 0) {
        val = this.getByLanguage(key, lang.split("-")[0]);
      }
      if (val) {
        return val;
      }
      return typeof defVal !== "undefined" ? defVal : key;
    }
    /**
     * @method
     * Get value according to specified language
     * @param {String} key
     * @param {String} language - Specified langurage to be used
     * @param {String} defVal - Default value
     */
    getByLanguage(key, language, defVal = null) {
      if (!language) {
        return defVal;
      }
      const langDict = this._dict[language];
      if (!langDict) {
        return defVal;
      }
      return langDict[key];
    }
    /**
     * @method
     * Add vocabularies for one language
     * @param {String} language - Language of the dictionary
     * @param {Object} vocabularies - Object that has key-value as dictionary entry
     */
    putVocabulariesForLanguage(language, vocabularies) {
      let langDict = this._dict[language];
      if (!langDict) {
        langDict = this._dict[language] = {};
      }
      this._dict[language] = { ...langDict, ...vocabularies };
    }
    /**
     * @method
     * Add vocabularies for one language
     * @param {Object} vocabularies - Object that has language as key,
     *                                vocabularies of each language as value
     */
    putVocabularies(vocabularies) {
      Object.keys(vocabularies).forEach((key) => {
        this.putVocabulariesForLanguage(key, vocabularies[key]);
      });
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/I18n/errorHelpers.mjs
  var I18nErrorCode;
  (function(I18nErrorCode2) {
    I18nErrorCode2["NotConfigured"] = "NotConfigured";
  })(I18nErrorCode || (I18nErrorCode = {}));
  var i18nErrorMap = {
    [I18nErrorCode.NotConfigured]: {
      message: "i18n is not configured."
    }
  };
  var assert3 = createAssertionFunction(i18nErrorMap);

  // node_modules/@aws-amplify/core/dist/esm/I18n/index.mjs
  var logger9 = new ConsoleLogger("I18n");
  var _config = { language: null };
  var _i18n = null;
  var I18n2 = class _I18n {
    /**
     * @static
     * @method
     * Configure I18n part
     * @param {Object} config - Configuration of the I18n
     */
    static configure(config) {
      logger9.debug("configure I18n");
      if (!config) {
        return _config;
      }
      _config = Object.assign({}, _config, config.I18n || config);
      _I18n.createInstance();
      return _config;
    }
    static getModuleName() {
      return "I18n";
    }
    /**
     * @static
     * @method
     * Create an instance of I18n for the library
     */
    static createInstance() {
      logger9.debug("create I18n instance");
      if (_i18n) {
        return;
      }
      _i18n = new I18n$1();
    }
    /**
     * @static @method
     * Explicitly setting language
     * @param {String} lang
     */
    static setLanguage(lang) {
      _I18n.checkConfig();
      assert3(!!_i18n, I18nErrorCode.NotConfigured);
      _i18n.setLanguage(lang);
    }
    /**
     * @static @method
     * Get value
     * @param {String} key
     * @param {String} defVal - Default value
     */
    static get(key, defVal) {
      if (!_I18n.checkConfig()) {
        return typeof defVal === "undefined" ? key : defVal;
      }
      assert3(!!_i18n, I18nErrorCode.NotConfigured);
      return _i18n.get(key, defVal);
    }
    /**
     * @static
     * @method
     * Add vocabularies for one language
     * @param {String} language - Language of the dictionary
     * @param {Object} vocabularies - Object that has key-value as dictionary entry
     */
    static putVocabulariesForLanguage(language, vocabularies) {
      _I18n.checkConfig();
      assert3(!!_i18n, I18nErrorCode.NotConfigured);
      _i18n.putVocabulariesForLanguage(language, vocabularies);
    }
    /**
     * @static
     * @method
     * Add vocabularies for one language
     * @param {Object} vocabularies - Object that has language as key,
     *                                vocabularies of each language as value
     */
    static putVocabularies(vocabularies) {
      _I18n.checkConfig();
      assert3(!!_i18n, I18nErrorCode.NotConfigured);
      _i18n.putVocabularies(vocabularies);
    }
    static checkConfig() {
      if (!_i18n) {
        _I18n.createInstance();
      }
      return true;
    }
  };
  I18n2.createInstance();

  // node_modules/@aws-amplify/core/dist/esm/utils/generateRandomString.mjs
  var generateRandomString = (length) => {
    const STATE_CHARSET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const result = [];
    const randomNums = new Uint8Array(length);
    getCrypto().getRandomValues(randomNums);
    for (const num of randomNums) {
      result.push(STATE_CHARSET[num % STATE_CHARSET.length]);
    }
    return result.join("");
  };

  // node_modules/@aws-amplify/core/dist/esm/utils/urlSafeDecode.mjs
  function urlSafeDecode(hex) {
    const matchArr = hex.match(/.{2}/g) || [];
    return matchArr.map((char) => String.fromCharCode(parseInt(char, 16))).join("");
  }

  // node_modules/@aws-amplify/core/dist/esm/utils/urlSafeEncode.mjs
  function urlSafeEncode(str) {
    return str.split("").map((char) => char.charCodeAt(0).toString(16).padStart(2, "0")).join("");
  }

  // node_modules/@aws-amplify/core/dist/esm/utils/deDupeAsyncFunction.mjs
  var deDupeAsyncFunction = (asyncFunction) => {
    let inflightPromise;
    return async (...args) => {
      if (inflightPromise)
        return inflightPromise;
      inflightPromise = new Promise((resolve, reject) => {
        asyncFunction(...args).then((result) => {
          resolve(result);
        }).catch((error) => {
          reject(error);
        }).finally(() => {
          inflightPromise = void 0;
        });
      });
      return inflightPromise;
    };
  };

  // node_modules/@aws-amplify/core/dist/esm/utils/isTokenExpired.mjs
  function isTokenExpired({ expiresAt, clockDrift, tolerance = 5e3 }) {
    const currentTime = Date.now();
    return currentTime + clockDrift + tolerance > expiresAt;
  }

  // node_modules/@aws-amplify/core/dist/esm/utils/convert/base64/bytesToString.mjs
  function bytesToString(input) {
    return Array.from(input, (byte) => String.fromCodePoint(byte)).join("");
  }

  // node_modules/@aws-amplify/core/dist/esm/utils/convert/base64/base64Encoder.mjs
  var base64Encoder = {
    /**
     * Convert input to base64-encoded string
     * @param input - string to convert to base64
     * @param options - encoding options that can optionally produce a base64url string
     * @returns base64-encoded string
     */
    convert(input, options = {
      urlSafe: false,
      skipPadding: false
    }) {
      const inputStr = typeof input === "string" ? input : bytesToString(input);
      let encodedStr = getBtoa()(inputStr);
      if (options.urlSafe) {
        encodedStr = encodedStr.replace(/\+/g, "-").replace(/\//g, "_");
      }
      if (options.skipPadding) {
        encodedStr = encodedStr.replace(/=/g, "");
      }
      return encodedStr;
    }
  };

  // node_modules/@aws-amplify/core/dist/esm/context/selectSsrKeyValueStorage.mjs
  function selectSsrKeyValueStorage(ssr) {
    return ssr ? new CookieStorage({ sameSite: "lax" }) : defaultStorage;
  }

  // node_modules/@aws-amplify/core/dist/esm/context/contextTokenOrchestrators.mjs
  var contextTokenOrchestrators = /* @__PURE__ */ new WeakMap();
  var getContextTokenOrchestrator = (provider) => provider ? contextTokenOrchestrators.get(provider) : void 0;

  // node_modules/@aws-amplify/auth/dist/esm/errors/types/validation.mjs
  var AuthValidationErrorCode;
  (function(AuthValidationErrorCode2) {
    AuthValidationErrorCode2["EmptySignInUsername"] = "EmptySignInUsername";
    AuthValidationErrorCode2["EmptySignInPassword"] = "EmptySignInPassword";
    AuthValidationErrorCode2["CustomAuthSignInPassword"] = "CustomAuthSignInPassword";
    AuthValidationErrorCode2["EmptySignUpUsername"] = "EmptySignUpUsername";
    AuthValidationErrorCode2["EmptySignUpPassword"] = "EmptySignUpPassword";
    AuthValidationErrorCode2["EmptyConfirmSignUpUsername"] = "EmptyConfirmSignUpUsername";
    AuthValidationErrorCode2["EmptyConfirmSignUpCode"] = "EmptyConfirmSignUpCode";
    AuthValidationErrorCode2["EmptyResendSignUpCodeUsername"] = "EmptyresendSignUpCodeUsername";
    AuthValidationErrorCode2["EmptyChallengeResponse"] = "EmptyChallengeResponse";
    AuthValidationErrorCode2["EmptyConfirmResetPasswordUsername"] = "EmptyConfirmResetPasswordUsername";
    AuthValidationErrorCode2["EmptyConfirmResetPasswordNewPassword"] = "EmptyConfirmResetPasswordNewPassword";
    AuthValidationErrorCode2["EmptyConfirmResetPasswordConfirmationCode"] = "EmptyConfirmResetPasswordConfirmationCode";
    AuthValidationErrorCode2["EmptyResetPasswordUsername"] = "EmptyResetPasswordUsername";
    AuthValidationErrorCode2["EmptyVerifyTOTPSetupCode"] = "EmptyVerifyTOTPSetupCode";
    AuthValidationErrorCode2["EmptyConfirmUserAttributeCode"] = "EmptyConfirmUserAttributeCode";
    AuthValidationErrorCode2["IncorrectMFAMethod"] = "IncorrectMFAMethod";
    AuthValidationErrorCode2["EmptyUpdatePassword"] = "EmptyUpdatePassword";
    AuthValidationErrorCode2["InvalidPreferredChallenge"] = "InvalidPreferredChallenge";
  })(AuthValidationErrorCode || (AuthValidationErrorCode = {}));

  // node_modules/@aws-amplify/auth/dist/esm/common/AuthErrorStrings.mjs
  var validationErrorMap = {
    [AuthValidationErrorCode.EmptyChallengeResponse]: {
      message: "challengeResponse is required to confirmSignIn"
    },
    [AuthValidationErrorCode.EmptyConfirmResetPasswordUsername]: {
      message: "username is required to confirmResetPassword"
    },
    [AuthValidationErrorCode.EmptyConfirmSignUpCode]: {
      message: "code is required to confirmSignUp"
    },
    [AuthValidationErrorCode.EmptyConfirmSignUpUsername]: {
      message: "username is required to confirmSignUp"
    },
    [AuthValidationErrorCode.EmptyConfirmResetPasswordConfirmationCode]: {
      message: "confirmationCode is required to confirmResetPassword"
    },
    [AuthValidationErrorCode.EmptyConfirmResetPasswordNewPassword]: {
      message: "newPassword is required to confirmResetPassword"
    },
    [AuthValidationErrorCode.EmptyResendSignUpCodeUsername]: {
      message: "username is required to confirmSignUp"
    },
    [AuthValidationErrorCode.EmptyResetPasswordUsername]: {
      message: "username is required to resetPassword"
    },
    [AuthValidationErrorCode.EmptySignInPassword]: {
      message: "password is required to signIn"
    },
    [AuthValidationErrorCode.EmptySignInUsername]: {
      message: "username is required to signIn"
    },
    [AuthValidationErrorCode.EmptySignUpPassword]: {
      message: "password is required to signUp"
    },
    [AuthValidationErrorCode.EmptySignUpUsername]: {
      message: "username is required to signUp"
    },
    [AuthValidationErrorCode.CustomAuthSignInPassword]: {
      message: "A password is not needed when signing in with CUSTOM_WITHOUT_SRP",
      recoverySuggestion: "Do not include a password in your signIn call."
    },
    [AuthValidationErrorCode.IncorrectMFAMethod]: {
      message: "Incorrect MFA method was chosen. It should be either SMS, TOTP, or EMAIL",
      recoverySuggestion: "Try to pass SMS, TOTP, or EMAIL as the challengeResponse"
    },
    [AuthValidationErrorCode.EmptyVerifyTOTPSetupCode]: {
      message: "code is required to verifyTotpSetup"
    },
    [AuthValidationErrorCode.EmptyUpdatePassword]: {
      message: "oldPassword and newPassword are required to changePassword"
    },
    [AuthValidationErrorCode.EmptyConfirmUserAttributeCode]: {
      message: "confirmation code is required to confirmUserAttribute"
    },
    [AuthValidationErrorCode.InvalidPreferredChallenge]: {
      message: "The preferred challenge is not enabled in your backend configuration",
      recoverySuggestion: "Ensure the authentication method is enabled in your Amplify backend configuration"
    }
  };
  var AuthErrorStrings;
  (function(AuthErrorStrings2) {
    AuthErrorStrings2["DEFAULT_MSG"] = "Authentication Error";
    AuthErrorStrings2["EMPTY_EMAIL"] = "Email cannot be empty";
    AuthErrorStrings2["EMPTY_PHONE"] = "Phone number cannot be empty";
    AuthErrorStrings2["EMPTY_USERNAME"] = "Username cannot be empty";
    AuthErrorStrings2["INVALID_USERNAME"] = "The username should either be a string or one of the sign in types";
    AuthErrorStrings2["EMPTY_PASSWORD"] = "Password cannot be empty";
    AuthErrorStrings2["EMPTY_CODE"] = "Confirmation code cannot be empty";
    AuthErrorStrings2["SIGN_UP_ERROR"] = "Error creating account";
    AuthErrorStrings2["NO_MFA"] = "No valid MFA method provided";
    AuthErrorStrings2["INVALID_MFA"] = "Invalid MFA type";
    AuthErrorStrings2["EMPTY_CHALLENGE"] = "Challenge response cannot be empty";
    AuthErrorStrings2["NO_USER_SESSION"] = "Failed to get the session because the user is empty";
    AuthErrorStrings2["NETWORK_ERROR"] = "Network Error";
    AuthErrorStrings2["DEVICE_CONFIG"] = "Device tracking has not been configured in this User Pool";
    AuthErrorStrings2["AUTOSIGNIN_ERROR"] = "Please use your credentials to sign in";
    AuthErrorStrings2["OAUTH_ERROR"] = "Couldn't finish OAuth flow, check your User Pool HostedUI settings";
  })(AuthErrorStrings || (AuthErrorStrings = {}));
  var AuthErrorCodes;
  (function(AuthErrorCodes2) {
    AuthErrorCodes2["SignInException"] = "SignInException";
    AuthErrorCodes2["OAuthSignInError"] = "OAuthSignInException";
  })(AuthErrorCodes || (AuthErrorCodes = {}));

  // node_modules/@aws-amplify/auth/dist/esm/errors/AuthError.mjs
  var AuthError = class _AuthError extends AmplifyError {
    constructor(params) {
      super(params);
      this.constructor = _AuthError;
      Object.setPrototypeOf(this, _AuthError.prototype);
    }
  };

  // node_modules/@aws-amplify/auth/dist/esm/foundation/parsers/regionParsers.mjs
  function getRegionFromUserPoolId(userPoolId) {
    const region = userPoolId?.split("_")[0];
    if (!userPoolId || userPoolId.indexOf("_") < 0 || !region || typeof region !== "string")
      throw new AuthError({
        name: "InvalidUserPoolId",
        message: "Invalid user pool id provided."
      });
    return region;
  }
  function getRegionFromIdentityPoolId(identityPoolId) {
    if (!identityPoolId || !identityPoolId.includes(":")) {
      throw new AuthError({
        name: "InvalidIdentityPoolIdException",
        message: "Invalid identity pool id provided.",
        recoverySuggestion: "Make sure a valid identityPoolId is given in the config."
      });
    }
    return identityPoolId.split(":")[0];
  }

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/apiHelpers.mjs
  function toAuthUserAttribute(attributes) {
    const userAttributes = {};
    attributes?.forEach((attribute) => {
      if (attribute.Name)
        userAttributes[attribute.Name] = attribute.Value;
    });
    return userAttributes;
  }

  // node_modules/@aws-amplify/auth/dist/esm/errors/constants.mjs
  var USER_UNAUTHENTICATED_EXCEPTION = "UserUnAuthenticatedException";
  var USER_ALREADY_AUTHENTICATED_EXCEPTION = "UserAlreadyAuthenticatedException";
  var INVALID_REDIRECT_EXCEPTION = "InvalidRedirectException";
  var INVALID_APP_SCHEME_EXCEPTION = "InvalidAppSchemeException";
  var INVALID_PREFERRED_REDIRECT_EXCEPTION = "InvalidPreferredRedirectUrlException";
  var invalidRedirectException = new AuthError({
    name: INVALID_REDIRECT_EXCEPTION,
    message: "signInRedirect or signOutRedirect had an invalid format or was not found.",
    recoverySuggestion: "Please make sure the signIn/Out redirect in your oauth config is valid."
  });
  var invalidAppSchemeException = new AuthError({
    name: INVALID_APP_SCHEME_EXCEPTION,
    message: "A valid non-http app scheme was not found in the config.",
    recoverySuggestion: "Please make sure a valid custom app scheme is present in the config."
  });
  var invalidPreferredRedirectUrlException = new AuthError({
    name: INVALID_PREFERRED_REDIRECT_EXCEPTION,
    message: "The given preferredRedirectUrl does not match any items in the redirectSignOutUrls array from the config.",
    recoverySuggestion: "Please make sure a matching preferredRedirectUrl is provided."
  });
  var INVALID_ORIGIN_EXCEPTION = "InvalidOriginException";
  var invalidOriginException = new AuthError({
    name: INVALID_ORIGIN_EXCEPTION,
    message: "redirect is coming from a different origin. The oauth flow needs to be initiated from the same origin",
    recoverySuggestion: "Please call signInWithRedirect from the same origin."
  });
  var OAUTH_SIGNOUT_EXCEPTION = "OAuthSignOutException";
  var TOKEN_REFRESH_EXCEPTION = "TokenRefreshException";
  var UNEXPECTED_SIGN_IN_INTERRUPTION_EXCEPTION = "UnexpectedSignInInterruptionException";

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/types.mjs
  function assertAuthTokens(tokens) {
    if (!tokens || !tokens.accessToken) {
      throw new AuthError({
        name: USER_UNAUTHENTICATED_EXCEPTION,
        message: "User needs to be authenticated to call this API.",
        recoverySuggestion: "Sign in before calling this API again."
      });
    }
  }
  function assertIdTokenInAuthTokens(tokens) {
    if (!tokens || !tokens.idToken) {
      throw new AuthError({
        name: USER_UNAUTHENTICATED_EXCEPTION,
        message: "User needs to be authenticated to call this API.",
        recoverySuggestion: "Sign in before calling this API again."
      });
    }
  }
  var oAuthTokenRefreshException = new AuthError({
    name: TOKEN_REFRESH_EXCEPTION,
    message: `Token refresh is not supported when authenticated with the 'implicit grant' (token) oauth flow. 
	Please change your oauth configuration to use 'code grant' flow.`,
    recoverySuggestion: `Please logout and change your Amplify configuration to use "code grant" flow. 
	E.g { responseType: 'code' }`
  });
  var tokenRefreshException = new AuthError({
    name: USER_UNAUTHENTICATED_EXCEPTION,
    message: "User needs to be authenticated to call this API.",
    recoverySuggestion: "Sign in before calling this API again."
  });
  function assertAuthTokensWithRefreshToken(tokens) {
    if (isAuthenticatedWithImplicitOauthFlow(tokens)) {
      throw oAuthTokenRefreshException;
    }
    if (!isAuthenticatedWithRefreshToken(tokens)) {
      throw tokenRefreshException;
    }
  }
  var OAuthStorageKeys = {
    inflightOAuth: "inflightOAuth",
    inflightOAuthDeadline: "inflightOAuthDeadline",
    oauthSignIn: "oauthSignIn",
    oauthPKCE: "oauthPKCE",
    oauthState: "oauthState"
  };
  function isAuthenticated(tokens) {
    return tokens?.accessToken || tokens?.idToken;
  }
  function isAuthenticatedWithRefreshToken(tokens) {
    return isAuthenticated(tokens) && tokens?.refreshToken;
  }
  function isAuthenticatedWithImplicitOauthFlow(tokens) {
    return isAuthenticated(tokens) && !tokens?.refreshToken;
  }

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/apis/internal/getCurrentUser.mjs
  var getCurrentUser = async (amplify) => {
    const authConfig = amplify.resourcesConfig.Auth?.Cognito;
    assertTokenProviderConfig(authConfig);
    const tokens = await amplify.getTokens({ forceRefresh: false });
    assertAuthTokens(tokens);
    const { "cognito:username": username, sub } = tokens.idToken?.payload ?? {};
    const authUser = {
      username,
      userId: sub
    };
    const signInDetails = getSignInDetailsFromTokens(tokens);
    if (signInDetails) {
      authUser.signInDetails = signInDetails;
    }
    return authUser;
  };
  function getSignInDetailsFromTokens(tokens) {
    return tokens?.signInDetails;
  }

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/apis/getCurrentUser.mjs
  async function getCurrentUser2(...args) {
    const [ctx] = resolveCtxArgs(args);
    return getCurrentUser(ctx);
  }

  // node_modules/@aws-amplify/auth/dist/esm/utils/getAuthUserAgentValue.mjs
  var getAuthUserAgentValue = (action, customUserAgentDetails) => getAmplifyUserAgent({
    category: Category.Auth,
    action,
    ...customUserAgentDetails
  });

  // node_modules/@aws-amplify/auth/dist/esm/foundation/factories/serviceClients/cognitoIdentityProvider/shared/serde/createUserPoolSerializer.mjs
  var createUserPoolSerializer = (operation) => (input, endpoint) => {
    const headers = getSharedHeaders2(operation);
    const body = JSON.stringify(input);
    return buildHttpRpcRequest2(endpoint, headers, body);
  };
  var getSharedHeaders2 = (operation) => ({
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`
  });
  var buildHttpRpcRequest2 = ({ url }, headers, body) => ({
    headers,
    url,
    body,
    method: "POST"
  });

  // node_modules/@aws-amplify/auth/dist/esm/errors/utils/assertServiceError.mjs
  function assertServiceError(error) {
    if (!error || error.name === "Error" || error instanceof TypeError) {
      throw new AuthError({
        name: AmplifyErrorCode.Unknown,
        message: "An unknown error has occurred.",
        underlyingError: error
      });
    }
  }

  // node_modules/@aws-amplify/auth/dist/esm/foundation/factories/serviceClients/cognitoIdentityProvider/shared/serde/createUserPoolDeserializer.mjs
  var createUserPoolDeserializer = () => async (response) => {
    if (response.statusCode >= 300) {
      const error = await parseJsonError(response);
      assertServiceError(error);
      throw new AuthError({
        name: error.name,
        message: error.message,
        metadata: error.$metadata
      });
    }
    return parseJsonBody(response);
  };

  // node_modules/@aws-amplify/auth/dist/esm/foundation/factories/serviceClients/cognitoIdentityProvider/shared/handler/cognitoUserPoolTransferHandler.mjs
  var disableCacheMiddlewareFactory = () => (next, _) => async function disableCacheMiddleware(request) {
    const customHeaders = hasGlobalContext() ? await getGlobalContext().libraryOptions?.Auth?.headers?.() : void 0;
    request.headers = {
      ...request.headers,
      "cache-control": "no-store",
      ...customHeaders
    };
    return next(request);
  };
  var cognitoUserPoolTransferHandler = composeTransferHandler(unauthenticatedHandler, [disableCacheMiddlewareFactory]);

  // node_modules/@aws-amplify/auth/dist/esm/foundation/constants.mjs
  var COGNITO_IDP_SERVICE_NAME = "cognito-idp";

  // node_modules/@aws-amplify/auth/dist/esm/foundation/factories/serviceClients/cognitoIdentityProvider/constants.mjs
  var DEFAULT_SERVICE_CLIENT_API_CONFIG2 = {
    service: COGNITO_IDP_SERVICE_NAME,
    retryDecider: getRetryDecider(parseJsonError),
    computeDelay: jitteredBackoff2,
    get userAgentValue() {
      return getAmplifyUserAgent();
    },
    cache: "no-store"
  };

  // node_modules/@aws-amplify/auth/dist/esm/foundation/cognitoUserPoolEndpointResolver.mjs
  var cognitoUserPoolEndpointResolver = ({ region }) => ({
    url: new AmplifyUrl(`https://${COGNITO_IDP_SERVICE_NAME}.${region}.${getDnsSuffix(region)}`)
  });

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/factories/createCognitoUserPoolEndpointResolver.mjs
  var createCognitoUserPoolEndpointResolver = ({ endpointOverride }) => (input) => {
    if (endpointOverride) {
      return { url: new AmplifyUrl(endpointOverride) };
    }
    return cognitoUserPoolEndpointResolver(input);
  };

  // node_modules/@aws-amplify/auth/dist/esm/foundation/factories/serviceClients/cognitoIdentityProvider/createGetTokensFromRefreshTokenClient.mjs
  var createGetTokensFromRefreshTokenClient = (config) => composeServiceApi(cognitoUserPoolTransferHandler, createUserPoolSerializer("GetTokensFromRefreshToken"), createUserPoolDeserializer(), {
    ...DEFAULT_SERVICE_CLIENT_API_CONFIG2,
    ...config
  });

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/refreshAuthTokens.mjs
  var refreshAuthTokensFunction = async ({ tokens, authConfig, username, clientMetadata }) => {
    assertTokenProviderConfig(authConfig?.Cognito);
    const { userPoolId, userPoolClientId, userPoolEndpoint } = authConfig.Cognito;
    const region = getRegionFromUserPoolId(userPoolId);
    assertAuthTokensWithRefreshToken(tokens);
    const getTokensFromRefreshToken = createGetTokensFromRefreshTokenClient({
      endpointResolver: createCognitoUserPoolEndpointResolver({
        endpointOverride: userPoolEndpoint
      })
    });
    const { AuthenticationResult } = await getTokensFromRefreshToken({ region }, {
      ClientId: userPoolClientId,
      RefreshToken: tokens.refreshToken,
      DeviceKey: tokens.deviceMetadata?.deviceKey,
      ClientMetadata: clientMetadata
    });
    const accessToken = decodeJWT(AuthenticationResult?.AccessToken ?? "");
    const idToken = AuthenticationResult?.IdToken ? decodeJWT(AuthenticationResult.IdToken) : void 0;
    const { iat } = accessToken.payload;
    if (!iat) {
      throw new AuthError({
        name: "iatNotFoundException",
        message: "iat not found in access token"
      });
    }
    const clockDrift = iat * 1e3 - (/* @__PURE__ */ new Date()).getTime();
    return {
      accessToken,
      idToken,
      clockDrift,
      refreshToken: AuthenticationResult?.RefreshToken ?? tokens.refreshToken,
      username
    };
  };
  var refreshAuthTokens = deDupeAsyncFunction(refreshAuthTokensFunction);

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/tokenProvider/types.mjs
  var AuthTokenStorageKeys = {
    accessToken: "accessToken",
    idToken: "idToken",
    oidcProvider: "oidcProvider",
    clockDrift: "clockDrift",
    refreshToken: "refreshToken",
    deviceKey: "deviceKey",
    randomPasswordKey: "randomPasswordKey",
    deviceGroupKey: "deviceGroupKey",
    signInDetails: "signInDetails",
    oauthMetadata: "oauthMetadata"
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/tokenProvider/errorHelpers.mjs
  var TokenProviderErrorCode;
  (function(TokenProviderErrorCode2) {
    TokenProviderErrorCode2["InvalidAuthTokens"] = "InvalidAuthTokens";
  })(TokenProviderErrorCode || (TokenProviderErrorCode = {}));
  var tokenValidationErrorMap = {
    [TokenProviderErrorCode.InvalidAuthTokens]: {
      message: "Invalid tokens.",
      recoverySuggestion: "Make sure the tokens are valid."
    }
  };
  var assert4 = createAssertionFunction(tokenValidationErrorMap);

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/tokenProvider/constants.mjs
  var AUTH_KEY_PREFIX = "CognitoIdentityServiceProvider";

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/tokenProvider/TokenStore.mjs
  var DefaultTokenStore = class {
    getKeyValueStorage() {
      if (!this.keyValueStorage) {
        throw new AuthError({
          name: "KeyValueStorageNotFoundException",
          message: "KeyValueStorage was not found in TokenStore"
        });
      }
      return this.keyValueStorage;
    }
    setKeyValueStorage(keyValueStorage) {
      const wasActive = !!this.stopNotify;
      this.teardownNotify();
      this.keyValueStorage = keyValueStorage;
      if (wasActive) {
        this.setupNotify();
      }
    }
    setAuthConfig(authConfig) {
      this.authConfig = authConfig;
    }
    setupNotify() {
      if (this.stopNotify) {
        return;
      }
      this.stopNotify = this.keyValueStorage?.addListener?.(async (e) => {
        const key = e.key || "";
        if (!key.startsWith(`${AUTH_KEY_PREFIX}.`)) {
          return;
        }
        const { newValue, oldValue } = e;
        if (key.endsWith(".refreshToken")) {
          if (newValue && !oldValue) {
            Hub.dispatch("auth", {
              event: "signedIn",
              data: await getCurrentUser2()
            }, "Auth", AMPLIFY_SYMBOL, true);
          } else if (!newValue && oldValue) {
            Hub.dispatch("auth", {
              event: "signedOut"
            }, "Auth", AMPLIFY_SYMBOL, true);
          }
        } else if (key.endsWith(".accessToken")) {
          if (oldValue && newValue && oldValue !== newValue) {
            Hub.dispatch("auth", {
              event: "tokenRefresh"
            }, "Auth", AMPLIFY_SYMBOL, true);
          }
        }
      });
    }
    /**
     * Detaches the cross-tab storage listener registered by {@link setupNotify}
     * and clears the retained unsubscribe handle, allowing a subsequent
     * `setupNotify()` to re-register (e.g. after a storage swap, in tests, or
     * during HMR). No-op when notify was never set up.
     */
    teardownNotify() {
      this.stopNotify?.();
      this.stopNotify = void 0;
    }
    async loadTokens() {
      try {
        const authKeys = await this.getAuthKeys();
        const accessTokenString = await this.getKeyValueStorage().getItem(authKeys.accessToken);
        if (!accessTokenString) {
          throw new AuthError({
            name: "NoSessionFoundException",
            message: "Auth session was not found. Make sure to call signIn."
          });
        }
        const accessToken = decodeJWT(accessTokenString);
        const itString = await this.getKeyValueStorage().getItem(authKeys.idToken);
        const idToken = itString ? decodeJWT(itString) : void 0;
        const refreshToken = await this.getKeyValueStorage().getItem(authKeys.refreshToken) ?? void 0;
        const clockDriftString = await this.getKeyValueStorage().getItem(authKeys.clockDrift) ?? "0";
        const clockDrift = Number.parseInt(clockDriftString);
        const signInDetails = await this.getKeyValueStorage().getItem(authKeys.signInDetails);
        const tokens = {
          accessToken,
          idToken,
          refreshToken,
          deviceMetadata: await this.getDeviceMetadata() ?? void 0,
          clockDrift,
          username: await this.getLastAuthUser()
        };
        if (signInDetails) {
          tokens.signInDetails = JSON.parse(signInDetails);
        }
        return tokens;
      } catch (err) {
        return null;
      }
    }
    async storeTokens(tokens) {
      assert4(tokens !== void 0, TokenProviderErrorCode.InvalidAuthTokens);
      const lastAuthUser = tokens.username;
      await this.getKeyValueStorage().setItem(this.getLastAuthUserKey(), lastAuthUser);
      const authKeys = await this.getAuthKeys();
      await this.getKeyValueStorage().setItem(authKeys.accessToken, tokens.accessToken.toString());
      if (tokens.idToken) {
        await this.getKeyValueStorage().setItem(authKeys.idToken, tokens.idToken.toString());
      } else {
        await this.getKeyValueStorage().removeItem(authKeys.idToken);
      }
      if (tokens.refreshToken) {
        await this.getKeyValueStorage().setItem(authKeys.refreshToken, tokens.refreshToken);
      } else {
        await this.getKeyValueStorage().removeItem(authKeys.refreshToken);
      }
      if (tokens.deviceMetadata) {
        if (tokens.deviceMetadata.deviceKey) {
          await this.getKeyValueStorage().setItem(authKeys.deviceKey, tokens.deviceMetadata.deviceKey);
        }
        if (tokens.deviceMetadata.deviceGroupKey) {
          await this.getKeyValueStorage().setItem(authKeys.deviceGroupKey, tokens.deviceMetadata.deviceGroupKey);
        }
        await this.getKeyValueStorage().setItem(authKeys.randomPasswordKey, tokens.deviceMetadata.randomPassword);
      }
      if (tokens.signInDetails) {
        await this.getKeyValueStorage().setItem(authKeys.signInDetails, JSON.stringify(tokens.signInDetails));
      } else {
        await this.getKeyValueStorage().removeItem(authKeys.signInDetails);
      }
      await this.getKeyValueStorage().setItem(authKeys.clockDrift, `${tokens.clockDrift}`);
    }
    async clearTokens() {
      const authKeys = await this.getAuthKeys();
      await Promise.all([
        this.getKeyValueStorage().removeItem(authKeys.accessToken),
        this.getKeyValueStorage().removeItem(authKeys.idToken),
        this.getKeyValueStorage().removeItem(authKeys.clockDrift),
        this.getKeyValueStorage().removeItem(authKeys.refreshToken),
        this.getKeyValueStorage().removeItem(authKeys.signInDetails),
        this.getKeyValueStorage().removeItem(this.getLastAuthUserKey()),
        this.getKeyValueStorage().removeItem(authKeys.oauthMetadata)
      ]);
    }
    async getDeviceMetadata(username) {
      const authKeys = await this.getAuthKeys(username);
      const deviceKey = await this.getKeyValueStorage().getItem(authKeys.deviceKey);
      const deviceGroupKey = await this.getKeyValueStorage().getItem(authKeys.deviceGroupKey);
      const randomPassword = await this.getKeyValueStorage().getItem(authKeys.randomPasswordKey);
      return randomPassword && deviceGroupKey && deviceKey ? {
        deviceKey,
        deviceGroupKey,
        randomPassword
      } : null;
    }
    async clearDeviceMetadata(username) {
      const authKeys = await this.getAuthKeys(username);
      await Promise.all([
        this.getKeyValueStorage().removeItem(authKeys.deviceKey),
        this.getKeyValueStorage().removeItem(authKeys.deviceGroupKey),
        this.getKeyValueStorage().removeItem(authKeys.randomPasswordKey)
      ]);
    }
    async getAuthKeys(username) {
      assertTokenProviderConfig(this.authConfig?.Cognito);
      const lastAuthUser = username ?? await this.getLastAuthUser();
      return createKeysForAuthStorage(AUTH_KEY_PREFIX, `${this.authConfig.Cognito.userPoolClientId}.${lastAuthUser}`);
    }
    getLastAuthUserKey() {
      assertTokenProviderConfig(this.authConfig?.Cognito);
      const identifier = this.authConfig.Cognito.userPoolClientId;
      return `${AUTH_KEY_PREFIX}.${identifier}.LastAuthUser`;
    }
    async getLastAuthUser() {
      const lastAuthUser = await this.getKeyValueStorage().getItem(this.getLastAuthUserKey()) ?? "username";
      return lastAuthUser;
    }
    async setOAuthMetadata(metadata) {
      const { oauthMetadata: oauthMetadataKey } = await this.getAuthKeys();
      await this.getKeyValueStorage().setItem(oauthMetadataKey, JSON.stringify(metadata));
    }
    async getOAuthMetadata() {
      const { oauthMetadata: oauthMetadataKey } = await this.getAuthKeys();
      const oauthMetadata = await this.getKeyValueStorage().getItem(oauthMetadataKey);
      return oauthMetadata && JSON.parse(oauthMetadata);
    }
  };
  var createKeysForAuthStorage = (provider, identifier) => {
    return getAuthStorageKeys(AuthTokenStorageKeys)(`${provider}`, identifier);
  };
  function getAuthStorageKeys(authKeys) {
    const keys = Object.values({ ...authKeys });
    return (prefix, identifier) => keys.reduce((acc, authKey) => ({
      ...acc,
      [authKey]: `${prefix}.${identifier}.${authKey}`
    }), {});
  }

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/signInWithRedirectStore.mjs
  var V5_HOSTED_UI_KEY = "amplify-signin-with-hostedUI";
  var OAUTH_INFLIGHT_TTL_MS = 5 * 60 * 1e3;
  var DefaultOAuthStore = class {
    constructor(keyValueStorage) {
      this.keyValueStorage = keyValueStorage;
    }
    async clearOAuthInflightData() {
      assertTokenProviderConfig(this.cognitoConfig);
      const authKeys = createKeysForAuthStorage2(AUTH_KEY_PREFIX, this.cognitoConfig.userPoolClientId);
      await Promise.all([
        this.keyValueStorage.removeItem(authKeys.inflightOAuth),
        this.keyValueStorage.removeItem(authKeys.inflightOAuthDeadline),
        this.keyValueStorage.removeItem(authKeys.oauthPKCE),
        this.keyValueStorage.removeItem(authKeys.oauthState)
      ]);
    }
    async clearOAuthData() {
      assertTokenProviderConfig(this.cognitoConfig);
      const authKeys = createKeysForAuthStorage2(AUTH_KEY_PREFIX, this.cognitoConfig.userPoolClientId);
      await this.clearOAuthInflightData();
      await this.keyValueStorage.removeItem(V5_HOSTED_UI_KEY);
      return this.keyValueStorage.removeItem(authKeys.oauthSignIn);
    }
    loadOAuthState() {
      assertTokenProviderConfig(this.cognitoConfig);
      const authKeys = createKeysForAuthStorage2(AUTH_KEY_PREFIX, this.cognitoConfig.userPoolClientId);
      return this.keyValueStorage.getItem(authKeys.oauthState);
    }
    storeOAuthState(state) {
      assertTokenProviderConfig(this.cognitoConfig);
      const authKeys = createKeysForAuthStorage2(AUTH_KEY_PREFIX, this.cognitoConfig.userPoolClientId);
      return this.keyValueStorage.setItem(authKeys.oauthState, state);
    }
    loadPKCE() {
      assertTokenProviderConfig(this.cognitoConfig);
      const authKeys = createKeysForAuthStorage2(AUTH_KEY_PREFIX, this.cognitoConfig.userPoolClientId);
      return this.keyValueStorage.getItem(authKeys.oauthPKCE);
    }
    storePKCE(pkce) {
      assertTokenProviderConfig(this.cognitoConfig);
      const authKeys = createKeysForAuthStorage2(AUTH_KEY_PREFIX, this.cognitoConfig.userPoolClientId);
      return this.keyValueStorage.setItem(authKeys.oauthPKCE, pkce);
    }
    setAuthConfig(authConfigParam) {
      this.cognitoConfig = authConfigParam;
    }
    async loadOAuthInFlight() {
      assertTokenProviderConfig(this.cognitoConfig);
      const authKeys = createKeysForAuthStorage2(AUTH_KEY_PREFIX, this.cognitoConfig.userPoolClientId);
      return await this.keyValueStorage.getItem(authKeys.inflightOAuth) === "true";
    }
    async loadOAuthInFlightDeadline() {
      assertTokenProviderConfig(this.cognitoConfig);
      const { userPoolClientId } = this.cognitoConfig;
      if (!await this.loadOAuthInFlight()) {
        return void 0;
      }
      const authKeys = createKeysForAuthStorage2(AUTH_KEY_PREFIX, userPoolClientId);
      const storedDeadline = await this.keyValueStorage.getItem(authKeys.inflightOAuthDeadline);
      let deadline = Number(storedDeadline);
      if (storedDeadline === null || Number.isNaN(deadline)) {
        deadline = Date.now() + OAUTH_INFLIGHT_TTL_MS;
        await this.keyValueStorage.setItem(authKeys.inflightOAuthDeadline, String(deadline));
      }
      return deadline > Date.now() ? deadline : void 0;
    }
    async storeOAuthInFlight(inflight) {
      assertTokenProviderConfig(this.cognitoConfig);
      const authKeys = createKeysForAuthStorage2(AUTH_KEY_PREFIX, this.cognitoConfig.userPoolClientId);
      if (inflight) {
        await this.keyValueStorage.setItem(authKeys.inflightOAuthDeadline, String(Date.now() + OAUTH_INFLIGHT_TTL_MS));
      } else {
        await this.keyValueStorage.removeItem(authKeys.inflightOAuthDeadline);
      }
      await this.keyValueStorage.setItem(authKeys.inflightOAuth, `${inflight}`);
    }
    async loadOAuthSignIn() {
      assertTokenProviderConfig(this.cognitoConfig);
      const authKeys = createKeysForAuthStorage2(AUTH_KEY_PREFIX, this.cognitoConfig.userPoolClientId);
      const isLegacyHostedUISignIn = await this.keyValueStorage.getItem(V5_HOSTED_UI_KEY);
      const [isOAuthSignIn, preferPrivateSession] = (await this.keyValueStorage.getItem(authKeys.oauthSignIn))?.split(",") ?? [];
      return {
        isOAuthSignIn: isOAuthSignIn === "true" || isLegacyHostedUISignIn === "true",
        preferPrivateSession: preferPrivateSession === "true"
      };
    }
    async storeOAuthSignIn(oauthSignIn2, preferPrivateSession = false) {
      assertTokenProviderConfig(this.cognitoConfig);
      const authKeys = createKeysForAuthStorage2(AUTH_KEY_PREFIX, this.cognitoConfig.userPoolClientId);
      await this.keyValueStorage.setItem(authKeys.oauthSignIn, `${oauthSignIn2},${preferPrivateSession}`);
    }
  };
  var createKeysForAuthStorage2 = (provider, identifier) => {
    return getAuthStorageKeys(OAuthStorageKeys)(provider, identifier);
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/oauth/oAuthStore.mjs
  var oAuthStore = new DefaultOAuthStore(defaultStorage);

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/oauth/inflightPromise.mjs
  var inflightPromises = [];
  var deadlineTimer;
  var addInflightPromise = (resolver) => {
    inflightPromises.push(resolver);
  };
  var armInflightDeadline = (deadline, recheckDeadline) => {
    if (deadlineTimer !== void 0) {
      clearTimeout(deadlineTimer);
    }
    deadlineTimer = setTimeout(() => {
      deadlineTimer = void 0;
      recheckDeadline().then((renewedDeadline) => {
        if (renewedDeadline !== void 0) {
          armInflightDeadline(renewedDeadline, recheckDeadline);
          return;
        }
        resolveAndClearInflightPromises();
      }).catch(() => {
        resolveAndClearInflightPromises();
      });
    }, Math.max(0, deadline - Date.now()));
  };
  var resolveAndClearInflightPromises = () => {
    if (deadlineTimer !== void 0) {
      clearTimeout(deadlineTimer);
      deadlineTimer = void 0;
    }
    while (inflightPromises.length) {
      inflightPromises.pop()?.();
    }
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/tokenProvider/TokenOrchestrator.mjs
  var TokenOrchestrator = class {
    constructor() {
      this.waitForInflightOAuth = isBrowser() ? async () => {
        const deadline = await oAuthStore.loadOAuthInFlightDeadline();
        if (deadline === void 0) {
          return;
        }
        if (this.inflightPromise) {
          armInflightDeadline(deadline, () => oAuthStore.loadOAuthInFlightDeadline());
          return this.inflightPromise;
        }
        this.inflightPromise = new Promise((resolve) => {
          addInflightPromise(() => {
            this.inflightPromise = void 0;
            resolve();
          });
          armInflightDeadline(deadline, () => oAuthStore.loadOAuthInFlightDeadline());
        });
        return this.inflightPromise;
      } : async () => {
      };
    }
    setAuthConfig(authConfig) {
      oAuthStore.setAuthConfig(authConfig.Cognito);
      this.authConfig = authConfig;
    }
    setTokenRefresher(tokenRefresher) {
      this.tokenRefresher = tokenRefresher;
    }
    setAuthTokenStore(tokenStore) {
      this.tokenStore = tokenStore;
    }
    getTokenStore() {
      if (!this.tokenStore) {
        throw new AuthError({
          name: "EmptyTokenStoreException",
          message: "TokenStore not set"
        });
      }
      return this.tokenStore;
    }
    getTokenRefresher() {
      if (!this.tokenRefresher) {
        throw new AuthError({
          name: "EmptyTokenRefresherException",
          message: "TokenRefresher not set"
        });
      }
      return this.tokenRefresher;
    }
    setClientMetadataProvider(clientMetadataProvider) {
      this.clientMetadataProvider = clientMetadataProvider;
    }
    async getTokens(options) {
      let tokens;
      try {
        assertTokenProviderConfig(this.authConfig?.Cognito);
      } catch (_err) {
        return null;
      }
      await this.waitForInflightOAuth();
      tokens = await this.getTokenStore().loadTokens();
      const username = await this.getTokenStore().getLastAuthUser();
      if (tokens === null) {
        return null;
      }
      const idTokenExpired = !!tokens?.idToken && isTokenExpired({
        expiresAt: (tokens.idToken?.payload?.exp ?? 0) * 1e3,
        clockDrift: tokens.clockDrift ?? 0
      });
      const accessTokenExpired = isTokenExpired({
        expiresAt: (tokens.accessToken?.payload?.exp ?? 0) * 1e3,
        clockDrift: tokens.clockDrift ?? 0
      });
      if (options?.forceRefresh || idTokenExpired || accessTokenExpired) {
        tokens = await this.refreshTokens({
          tokens,
          username,
          clientMetadata: options?.clientMetadata ?? await this.clientMetadataProvider?.()
        });
        if (tokens === null) {
          return null;
        }
      }
      return {
        accessToken: tokens?.accessToken,
        idToken: tokens?.idToken,
        signInDetails: tokens?.signInDetails
      };
    }
    async refreshTokens({ tokens, username, clientMetadata }) {
      try {
        const { signInDetails } = tokens;
        const newTokens = await this.getTokenRefresher()({
          tokens,
          authConfig: this.authConfig,
          username,
          clientMetadata
        });
        newTokens.signInDetails = signInDetails;
        await this.setTokens({ tokens: newTokens });
        Hub.dispatch("auth", { event: "tokenRefresh" }, "Auth", AMPLIFY_SYMBOL);
        return newTokens;
      } catch (err) {
        return this.handleErrors(err);
      }
    }
    handleErrors(err) {
      assertServiceError(err);
      const shouldClearTokens = this.isAuthenticationError(err);
      if (shouldClearTokens) {
        this.clearTokens();
      }
      Hub.dispatch("auth", {
        event: "tokenRefresh_failure",
        data: { error: err }
      }, "Auth", AMPLIFY_SYMBOL);
      if (err.name.startsWith("NotAuthorizedException")) {
        return null;
      }
      throw err;
    }
    isAuthenticationError(err) {
      const authErrorNames = [
        "NotAuthorizedException",
        // Refresh token is expired or invalid
        "TokenRevokedException",
        // Token was revoked by admin
        "UserNotFoundException",
        // User no longer exists
        "PasswordResetRequiredException",
        // User must reset password
        "UserNotConfirmedException",
        // User account is not confirmed
        "RefreshTokenReuseException"
        // Refresh token invalidated by rotation
      ];
      return authErrorNames.some((errorName) => err?.name?.startsWith?.(errorName));
    }
    async setTokens({ tokens }) {
      return this.getTokenStore().storeTokens(tokens);
    }
    async clearTokens() {
      return this.getTokenStore().clearTokens();
    }
    getDeviceMetadata(username) {
      return this.getTokenStore().getDeviceMetadata(username);
    }
    clearDeviceMetadata(username) {
      return this.getTokenStore().clearDeviceMetadata(username);
    }
    setOAuthMetadata(metadata) {
      return this.getTokenStore().setOAuthMetadata(metadata);
    }
    getOAuthMetadata() {
      return this.getTokenStore().getOAuthMetadata();
    }
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/tokenProvider/CognitoUserPoolsTokenProvider.mjs
  var CognitoUserPoolsTokenProvider = class {
    constructor() {
      this.authTokenStore = new DefaultTokenStore();
      this.authTokenStore.setKeyValueStorage(defaultStorage);
      this.authTokenStore.setupNotify();
      this.tokenOrchestrator = new TokenOrchestrator();
      this.tokenOrchestrator.setAuthTokenStore(this.authTokenStore);
      this.tokenOrchestrator.setTokenRefresher(refreshAuthTokens);
    }
    getTokens(options = {}) {
      return this.tokenOrchestrator.getTokens(options);
    }
    setKeyValueStorage(keyValueStorage) {
      this.authTokenStore.setKeyValueStorage(keyValueStorage);
    }
    /**
     * Tears down the cross-tab storage listener held by the underlying token
     * store. Intended for tests, HMR, and micro-frontend teardown; safe no-op
     * when notify was never set up.
     */
    teardownNotify() {
      this.authTokenStore.teardownNotify();
    }
    setClientMetadataProvider(clientMetadataProvider) {
      this.tokenOrchestrator.setClientMetadataProvider(clientMetadataProvider);
    }
    setAuthConfig(authConfig) {
      this.authTokenStore.setAuthConfig(authConfig);
      this.tokenOrchestrator.setAuthConfig(authConfig);
    }
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/tokenProvider/tokenProvider.mjs
  var cognitoUserPoolsTokenProvider = new CognitoUserPoolsTokenProvider();
  var { tokenOrchestrator } = cognitoUserPoolsTokenProvider;

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/tokenProvider/cacheTokens.mjs
  async function cacheCognitoTokens(AuthenticationResult, orchestrator) {
    if (AuthenticationResult.AccessToken) {
      const accessToken = decodeJWT(AuthenticationResult.AccessToken);
      const accessTokenIssuedAtInMillis = (accessToken.payload.iat || 0) * 1e3;
      const currentTime = (/* @__PURE__ */ new Date()).getTime();
      const clockDrift = accessTokenIssuedAtInMillis > 0 ? accessTokenIssuedAtInMillis - currentTime : 0;
      let idToken;
      let refreshToken;
      let deviceMetadata;
      if (AuthenticationResult.RefreshToken) {
        refreshToken = AuthenticationResult.RefreshToken;
      }
      if (AuthenticationResult.IdToken) {
        idToken = decodeJWT(AuthenticationResult.IdToken);
      }
      if (AuthenticationResult?.NewDeviceMetadata) {
        deviceMetadata = AuthenticationResult.NewDeviceMetadata;
      }
      const tokens = {
        accessToken,
        idToken,
        refreshToken,
        clockDrift,
        deviceMetadata,
        username: AuthenticationResult.username
      };
      if (AuthenticationResult?.signInDetails) {
        tokens.signInDetails = AuthenticationResult.signInDetails;
      }
      await (orchestrator ?? tokenOrchestrator).setTokens({
        tokens
      });
    } else {
      throw new AmplifyError({
        message: "Invalid tokens",
        name: "InvalidTokens",
        recoverySuggestion: "Check Cognito UserPool settings"
      });
    }
  }

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/tokenProvider/contextTokenOrchestrators.mjs
  var resolveTokenOrchestrator = (ctx) => getContextTokenOrchestrator(ctx?.libraryOptions?.Auth?.tokenProvider) ?? tokenOrchestrator;

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/dispatchSignedInHubEvent.mjs
  var ERROR_MESSAGE = "Unable to get user session following successful sign-in.";
  var dispatchSignedInHubEvent = async (ctx) => {
    try {
      Hub.dispatch("auth", {
        event: "signedIn",
        data: await getCurrentUser2(ctx)
      }, "Auth", AMPLIFY_SYMBOL);
    } catch (error) {
      if (error.name === USER_UNAUTHENTICATED_EXCEPTION) {
        throw new AuthError({
          name: UNEXPECTED_SIGN_IN_INTERRUPTION_EXCEPTION,
          message: ERROR_MESSAGE,
          recoverySuggestion: "This most likely is due to auth tokens not being persisted. If you are using cookie store, please ensure cookies can be correctly set from your server."
        });
      }
      throw error;
    }
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/signInHelpers.mjs
  async function assertUserNotAuthenticated(ctx) {
    let authUser;
    try {
      authUser = await getCurrentUser2(ctx);
    } catch (error) {
    }
    if (authUser && authUser.userId && authUser.username) {
      throw new AuthError({
        name: USER_ALREADY_AUTHENTICATED_EXCEPTION,
        message: "There is already a signed in user.",
        recoverySuggestion: "Call signOut before calling signIn again."
      });
    }
  }

  // node_modules/@aws-amplify/auth/dist/esm/foundation/factories/serviceClients/cognitoIdentityProvider/createGetUserClient.mjs
  var createGetUserClient = (config) => composeServiceApi(cognitoUserPoolTransferHandler, createUserPoolSerializer("GetUser"), createUserPoolDeserializer(), {
    ...DEFAULT_SERVICE_CLIENT_API_CONFIG2,
    ...config
  });

  // node_modules/@aws-amplify/auth/dist/esm/Errors.mjs
  var logger10 = new ConsoleLogger("AuthError");
  var authErrorMessages = {
    oauthSignInError: {
      message: AuthErrorStrings.OAUTH_ERROR,
      log: "Make sure Cognito Hosted UI has been configured correctly"
    },
    noConfig: {
      message: AuthErrorStrings.DEFAULT_MSG,
      log: `
            Error: Amplify has not been configured correctly.
            This error is typically caused by one of the following scenarios:

            1. Make sure you're passing the awsconfig object to Amplify.configure() in your app's entry point
                See https://aws-amplify.github.io/docs/js/authentication#configure-your-app for more information
            
            2. There might be multiple conflicting versions of amplify packages in your node_modules.
				Refer to our docs site for help upgrading Amplify packages (https://docs.amplify.aws/lib/troubleshooting/upgrading/q/platform/js)
        `
    },
    missingAuthConfig: {
      message: AuthErrorStrings.DEFAULT_MSG,
      log: `
            Error: Amplify has not been configured correctly. 
            The configuration object is missing required auth properties.
            This error is typically caused by one of the following scenarios:

            1. Did you run \`amplify push\` after adding auth via \`amplify add auth\`?
                See https://aws-amplify.github.io/docs/js/authentication#amplify-project-setup for more information

            2. This could also be caused by multiple conflicting versions of amplify packages, see (https://docs.amplify.aws/lib/troubleshooting/upgrading/q/platform/js) for help upgrading Amplify packages.
        `
    },
    emptyUsername: {
      message: AuthErrorStrings.EMPTY_USERNAME
    },
    // TODO: should include a list of valid sign-in types
    invalidUsername: {
      message: AuthErrorStrings.INVALID_USERNAME
    },
    emptyPassword: {
      message: AuthErrorStrings.EMPTY_PASSWORD
    },
    emptyCode: {
      message: AuthErrorStrings.EMPTY_CODE
    },
    signUpError: {
      message: AuthErrorStrings.SIGN_UP_ERROR,
      log: "The first parameter should either be non-null string or object"
    },
    noMFA: {
      message: AuthErrorStrings.NO_MFA
    },
    invalidMFA: {
      message: AuthErrorStrings.INVALID_MFA
    },
    emptyChallengeResponse: {
      message: AuthErrorStrings.EMPTY_CHALLENGE
    },
    noUserSession: {
      message: AuthErrorStrings.NO_USER_SESSION
    },
    deviceConfig: {
      message: AuthErrorStrings.DEVICE_CONFIG
    },
    networkError: {
      message: AuthErrorStrings.NETWORK_ERROR
    },
    autoSignInError: {
      message: AuthErrorStrings.AUTOSIGNIN_ERROR
    },
    default: {
      message: AuthErrorStrings.DEFAULT_MSG
    }
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/oauth/createOAuthError.mjs
  var createOAuthError = (message, recoverySuggestion) => new AuthError({
    message: message ?? "An error has occurred during the oauth process.",
    name: AuthErrorCodes.OAuthSignInError,
    recoverySuggestion: recoverySuggestion ?? authErrorMessages.oauthSignInError.log
  });

  // node_modules/@aws-amplify/auth/dist/esm/types/Auth.mjs
  var AuthErrorTypes;
  (function(AuthErrorTypes2) {
    AuthErrorTypes2["NoConfig"] = "noConfig";
    AuthErrorTypes2["MissingAuthConfig"] = "missingAuthConfig";
    AuthErrorTypes2["EmptyUsername"] = "emptyUsername";
    AuthErrorTypes2["InvalidUsername"] = "invalidUsername";
    AuthErrorTypes2["EmptyPassword"] = "emptyPassword";
    AuthErrorTypes2["EmptyCode"] = "emptyCode";
    AuthErrorTypes2["SignUpError"] = "signUpError";
    AuthErrorTypes2["NoMFA"] = "noMFA";
    AuthErrorTypes2["InvalidMFA"] = "invalidMFA";
    AuthErrorTypes2["EmptyChallengeResponse"] = "emptyChallengeResponse";
    AuthErrorTypes2["NoUserSession"] = "noUserSession";
    AuthErrorTypes2["Default"] = "default";
    AuthErrorTypes2["DeviceConfig"] = "deviceConfig";
    AuthErrorTypes2["NetworkError"] = "networkError";
    AuthErrorTypes2["AutoSignInError"] = "autoSignInError";
    AuthErrorTypes2["OAuthSignInError"] = "oauthSignInError";
  })(AuthErrorTypes || (AuthErrorTypes = {}));

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/oauth/validateState.mjs
  var flowCancelledMessage = "`signInWithRedirect` has been canceled.";
  var validationFailedMessage = "An error occurred while validating the state.";
  var validationRecoverySuggestion = "Try to initiate an OAuth flow from Amplify";
  var validateState = async (state) => {
    const savedState = await oAuthStore.loadOAuthState();
    const validatedState = state === savedState ? savedState : void 0;
    if (!validatedState) {
      throw new AuthError({
        name: AuthErrorTypes.OAuthSignInError,
        message: state === null ? flowCancelledMessage : validationFailedMessage,
        recoverySuggestion: state === null ? void 0 : validationRecoverySuggestion
      });
    }
    return validatedState;
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/oauth/completeOAuthFlow.mjs
  var completeOAuthFlow = async ({ currentUrl, userAgentValue, clientId, redirectUri, responseType, domain, preferPrivateSession }) => {
    const urlParams = new AmplifyUrl(currentUrl);
    const error = urlParams.searchParams.get("error");
    const errorMessage = urlParams.searchParams.get("error_description");
    if (error) {
      throw createOAuthError(errorMessage ?? error);
    }
    if (responseType === "code") {
      return handleCodeFlow({
        currentUrl,
        userAgentValue,
        clientId,
        redirectUri,
        domain,
        preferPrivateSession
      });
    }
    return handleImplicitFlow({
      currentUrl,
      redirectUri,
      preferPrivateSession
    });
  };
  var handleCodeFlow = async ({ currentUrl, userAgentValue, clientId, redirectUri, domain, preferPrivateSession }) => {
    const url = new AmplifyUrl(currentUrl);
    const code = url.searchParams.get("code");
    const state = url.searchParams.get("state");
    if (!code || !state) {
      throw createOAuthError("User cancelled OAuth flow.");
    }
    const validatedState = await validateState(state);
    const oAuthTokenEndpoint = "https://" + domain + "/oauth2/token";
    const codeVerifier = await oAuthStore.loadPKCE();
    const oAuthTokenBody = {
      grant_type: "authorization_code",
      code,
      client_id: clientId,
      redirect_uri: redirectUri,
      ...codeVerifier ? { code_verifier: codeVerifier } : {}
    };
    const body = Object.entries(oAuthTokenBody).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
    const { access_token, refresh_token: refreshToken, id_token, error, error_message: errorMessage, token_type, expires_in } = await (await fetch(oAuthTokenEndpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        [USER_AGENT_HEADER]: userAgentValue
      },
      body
    })).json();
    if (error) {
      throw createOAuthError(errorMessage ?? error);
    }
    const username = (access_token && decodeJWT(access_token).payload.username) ?? "username";
    await cacheCognitoTokens({
      username,
      AccessToken: access_token,
      IdToken: id_token,
      RefreshToken: refreshToken
    });
    return completeFlow({
      redirectUri,
      state: validatedState,
      preferPrivateSession
    });
  };
  var handleImplicitFlow = async ({ currentUrl, redirectUri, preferPrivateSession }) => {
    const url = new AmplifyUrl(currentUrl);
    const { id_token, access_token, state, token_type, expires_in, error_description, error } = (url.hash ?? "#").substring(1).split("&").map((pairings) => pairings.split("=")).reduce((accum, [k, v]) => ({ ...accum, [k]: v }), {
      id_token: void 0,
      access_token: void 0,
      state: void 0,
      token_type: void 0,
      expires_in: void 0,
      error_description: void 0,
      error: void 0
    });
    if (error) {
      throw createOAuthError(error_description ?? error);
    }
    if (!access_token) {
      throw createOAuthError("No access token returned from OAuth flow.");
    }
    const validatedState = await validateState(state);
    const username = (access_token && decodeJWT(access_token).payload.username) ?? "username";
    await cacheCognitoTokens({
      username,
      AccessToken: access_token,
      IdToken: id_token
    });
    return completeFlow({
      redirectUri,
      state: validatedState,
      preferPrivateSession
    });
  };
  var completeFlow = async ({ redirectUri, state, preferPrivateSession }) => {
    await tokenOrchestrator.setOAuthMetadata({
      oauthSignIn: true
    });
    await oAuthStore.clearOAuthData();
    await oAuthStore.storeOAuthSignIn(true, preferPrivateSession);
    resolveAndClearInflightPromises();
    clearHistory(redirectUri);
    if (isCustomState(state)) {
      Hub.dispatch("auth", {
        event: "customOAuthState",
        data: urlSafeDecode(getCustomState(state))
      }, "Auth", AMPLIFY_SYMBOL);
    }
    Hub.dispatch("auth", { event: "signInWithRedirect" }, "Auth", AMPLIFY_SYMBOL);
    await dispatchSignedInHubEvent(getGlobalContext());
  };
  var isCustomState = (state) => {
    return /-/.test(state);
  };
  var getCustomState = (state) => {
    return state.split("-").splice(1).join("-");
  };
  var clearHistory = (redirectUri) => {
    if (typeof window !== "undefined" && typeof window.history !== "undefined") {
      window.history.replaceState(window.history.state, "", redirectUri);
    }
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/oauth/getRedirectUrl.mjs
  function getRedirectUrl2(redirects, preferredRedirectUrl) {
    if (preferredRedirectUrl) {
      const redirectUrl = redirects?.find((redirect) => redirect === preferredRedirectUrl);
      if (!redirectUrl) {
        throw invalidPreferredRedirectUrlException;
      }
      return redirectUrl;
    } else {
      const redirectUrlFromTheSameOrigin = redirects?.find(isSameOriginAndPathName) ?? redirects?.find(isTheSameDomain);
      const redirectUrlFromDifferentOrigin = redirects?.find(isHttps) ?? redirects?.find(isHttp);
      if (redirectUrlFromTheSameOrigin) {
        return redirectUrlFromTheSameOrigin;
      } else if (redirectUrlFromDifferentOrigin) {
        throw invalidOriginException;
      }
      throw invalidRedirectException;
    }
  }
  var isSameOriginAndPathName = (redirect) => redirect.startsWith(String(window.location.origin + (window.location.pathname || "/")));
  var isTheSameDomain = (redirect) => redirect.includes(String(window.location.hostname));
  var isHttp = (redirect) => redirect.startsWith("http://");
  var isHttps = (redirect) => redirect.startsWith("https://");

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/oauth/handleFailure.mjs
  var handleFailure = async (error) => {
    resolveAndClearInflightPromises();
    await oAuthStore.clearOAuthInflightData();
    Hub.dispatch("auth", { event: "signInWithRedirect_failure", data: { error } }, "Auth", AMPLIFY_SYMBOL);
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/oauth/attemptCompleteOAuthFlow.mjs
  var attemptCompleteOAuthFlow = async (authConfig) => {
    try {
      assertTokenProviderConfig(authConfig);
      assertOAuthConfig(authConfig);
      oAuthStore.setAuthConfig(authConfig);
    } catch (_) {
      return;
    }
    if (!await oAuthStore.loadOAuthInFlight()) {
      return;
    }
    try {
      const currentUrl = window.location.href;
      const { loginWith, userPoolClientId } = authConfig;
      const { domain, redirectSignIn, responseType } = loginWith.oauth;
      const redirectUri = getRedirectUrl2(redirectSignIn);
      await completeOAuthFlow({
        currentUrl,
        clientId: userPoolClientId,
        domain,
        redirectUri,
        responseType,
        userAgentValue: getAuthUserAgentValue(AuthAction.SignInWithRedirect)
      });
    } catch (err) {
      await handleFailure(err);
    }
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/oauth/enableOAuthListener.mjs
  var isHandlingOAuthFlow = false;
  var attemptCompleteOAuthFlowOnce = (cognitoConfig) => {
    if (isHandlingOAuthFlow) {
      return;
    }
    isHandlingOAuthFlow = true;
    Promise.resolve(attemptCompleteOAuthFlow(cognitoConfig)).finally(() => {
      isHandlingOAuthFlow = false;
    });
  };
  if (isBrowser()) {
    Hub.listen("core", ({ payload }) => {
      if (payload.event === "configure") {
        const cognitoConfig = payload.data?.Auth?.Cognito;
        if (cognitoConfig?.loginWith?.oauth) {
          attemptCompleteOAuthFlowOnce(cognitoConfig);
        }
      }
    });
    defaultStorage.addListener?.(async (event) => {
      const { key, newValue } = event;
      if (!!key && key.startsWith(`${AUTH_KEY_PREFIX}.`) && key.endsWith(`.${OAuthStorageKeys.inflightOAuth}`) && newValue !== "true") {
        resolveAndClearInflightPromises();
      }
    });
    if (hasGlobalContext()) {
      const cognitoConfig = getGlobalContext().resourcesConfig?.Auth?.Cognito;
      if (cognitoConfig?.loginWith?.oauth) {
        attemptCompleteOAuthFlowOnce(cognitoConfig);
      }
    }
  }

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/types/models.mjs
  var cognitoHostedUIIdentityProviderMap = {
    Google: "Google",
    Facebook: "Facebook",
    Amazon: "LoginWithAmazon",
    Apple: "SignInWithApple"
  };

  // node_modules/@aws-amplify/auth/dist/esm/utils/openAuthSession.mjs
  var openAuthSession = async (url) => {
    if (!window?.location) {
      return;
    }
    window.location.href = url.replace("http://", "https://");
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/oauth/generateCodeVerifier.mjs
  var CODE_VERIFIER_CHARSET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  var generateCodeVerifier = (length) => {
    const randomBytes = new Uint8Array(length);
    getCrypto().getRandomValues(randomBytes);
    let value = "";
    let codeChallenge;
    for (const byte of randomBytes) {
      value += CODE_VERIFIER_CHARSET.charAt(byte % CODE_VERIFIER_CHARSET.length);
    }
    return {
      value,
      method: "S256",
      toCodeChallenge() {
        if (codeChallenge) {
          return codeChallenge;
        }
        codeChallenge = generateCodeChallenge(value);
        return codeChallenge;
      }
    };
  };
  function generateCodeChallenge(codeVerifier) {
    const awsCryptoHash = new Sha256();
    awsCryptoHash.update(codeVerifier);
    const codeChallenge = removePaddingChar(base64Encoder.convert(awsCryptoHash.digestSync(), { urlSafe: true }));
    return codeChallenge;
  }
  function removePaddingChar(base64Encoded) {
    return base64Encoded.replace(/=/g, "");
  }

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/oauth/generateState.mjs
  var generateState = () => {
    return generateRandomString(32);
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/oauth/cancelOAuthFlow.mjs
  var listenForOAuthFlowCancellation = (store) => {
    async function handleCancelOAuthFlow(event) {
      const isBfcache = event.persisted;
      if (isBfcache && await store.loadOAuthInFlight()) {
        const error = createOAuthError("User cancelled OAuth flow.");
        await handleFailure(error);
      }
      window.removeEventListener("pageshow", handleCancelOAuthFlow);
    }
    window.addEventListener("pageshow", handleCancelOAuthFlow);
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/apis/signInWithRedirect.mjs
  async function signInWithRedirect(...args) {
    const [ctx, input] = resolveCtxArgs(args);
    const authConfig = ctx.resourcesConfig.Auth?.Cognito;
    assertTokenProviderConfig(authConfig);
    assertOAuthConfig(authConfig);
    oAuthStore.setAuthConfig(authConfig);
    if (!input?.options?.prompt) {
      await assertUserNotAuthenticated(ctx);
    }
    let provider = "COGNITO";
    let idpIdentifier;
    if (typeof input?.provider === "string") {
      provider = cognitoHostedUIIdentityProviderMap[input.provider];
    } else if (input?.provider?.custom) {
      provider = input.provider.custom;
    } else if (input?.provider?.idpIdentifier) {
      ({ idpIdentifier } = input.provider);
    } else if (input?.options?.prompt === "NONE") {
      provider = void 0;
    }
    return oauthSignIn({
      oauthConfig: authConfig.loginWith.oauth,
      clientId: authConfig.userPoolClientId,
      provider,
      idpIdentifier,
      customState: input?.customState,
      preferPrivateSession: input?.options?.preferPrivateSession,
      options: {
        loginHint: input?.options?.loginHint,
        lang: input?.options?.lang,
        nonce: input?.options?.nonce,
        prompt: input?.options?.prompt
      },
      authSessionOpener: input?.options?.authSessionOpener
    });
  }
  var oauthSignIn = async ({ oauthConfig, provider, idpIdentifier, clientId, customState, preferPrivateSession, options, authSessionOpener }) => {
    const { domain, redirectSignIn, responseType, scopes } = oauthConfig;
    const { loginHint, lang, nonce, prompt } = options ?? {};
    const randomState = generateState();
    const openAuthSession$1 = authSessionOpener || openAuthSession;
    const state = customState ? `${randomState}-${urlSafeEncode(customState)}` : randomState;
    const { value, method, toCodeChallenge } = generateCodeVerifier(128);
    const redirectUri = getRedirectUrl2(oauthConfig.redirectSignIn);
    if (isBrowser())
      oAuthStore.storeOAuthInFlight(true);
    oAuthStore.storeOAuthState(state);
    oAuthStore.storePKCE(value);
    const params = new URLSearchParams();
    params.append("redirect_uri", redirectUri);
    params.append("response_type", responseType);
    params.append("client_id", clientId);
    if (idpIdentifier) {
      params.append("idp_identifier", idpIdentifier);
    } else if (provider) {
      params.append("identity_provider", provider);
    }
    params.append("scope", scopes.join(" "));
    loginHint && params.append("login_hint", loginHint);
    lang && params.append("lang", lang);
    nonce && params.append("nonce", nonce);
    prompt && params.append("prompt", prompt.toLowerCase());
    params.append("state", state);
    if (responseType === "code") {
      params.append("code_challenge", toCodeChallenge());
      params.append("code_challenge_method", method);
    }
    const oAuthUrl = `https://${domain}/oauth2/authorize?${params.toString()}`;
    listenForOAuthFlowCancellation(oAuthStore);
    const { type, error, url } = await openAuthSession$1(oAuthUrl, redirectSignIn, preferPrivateSession) ?? {};
    try {
      if (type === "error") {
        throw createOAuthError(String(error));
      }
      if (type === "canceled") {
        throw createOAuthError(String(type));
      }
      if (type === "success" && url) {
        await completeOAuthFlow({
          currentUrl: url,
          clientId,
          domain,
          redirectUri,
          responseType,
          userAgentValue: getAuthUserAgentValue(AuthAction.SignInWithRedirect),
          preferPrivateSession
        });
      }
    } catch (err) {
      await handleFailure(err);
      throw err;
    }
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/apis/internal/fetchUserAttributes.mjs
  var fetchUserAttributes = async (amplify) => {
    const authConfig = amplify.resourcesConfig.Auth?.Cognito;
    assertTokenProviderConfig(authConfig);
    const { userPoolEndpoint, userPoolId } = authConfig;
    const { tokens } = await amplify.fetchAuthSession({
      forceRefresh: false
    });
    assertAuthTokens(tokens);
    const getUser = createGetUserClient({
      endpointResolver: createCognitoUserPoolEndpointResolver({
        endpointOverride: userPoolEndpoint
      })
    });
    const { UserAttributes } = await getUser({
      region: getRegionFromUserPoolId(userPoolId),
      userAgentValue: getAuthUserAgentValue(AuthAction.FetchUserAttributes)
    }, {
      AccessToken: tokens.accessToken.toString()
    });
    return toAuthUserAttribute(UserAttributes);
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/apis/fetchUserAttributes.mjs
  async function fetchUserAttributes2(...args) {
    const [ctx] = resolveCtxArgs(args);
    return fetchUserAttributes(ctx);
  }

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/oauth/completeOAuthSignOut.mjs
  var completeOAuthSignOut = async (store, tokenOrchestrator2, clearCredentials) => {
    await store.clearOAuthData();
    tokenOrchestrator2.clearTokens();
    await clearCredentials();
    Hub.dispatch("auth", { event: "signedOut" }, "Auth", AMPLIFY_SYMBOL);
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/oauth/oAuthSignOutRedirect.mjs
  var oAuthSignOutRedirect = async (authConfig, preferPrivateSession = false, redirectUrl) => {
    assertOAuthConfig(authConfig);
    const { loginWith, userPoolClientId } = authConfig;
    const { domain, redirectSignOut } = loginWith.oauth;
    const signoutUri = getRedirectUrl2(redirectSignOut, redirectUrl);
    const oAuthLogoutEndpoint = `https://${domain}/logout?${Object.entries({
      client_id: userPoolClientId,
      logout_uri: encodeURIComponent(signoutUri)
    }).map(([k, v]) => `${k}=${v}`).join("&")}`;
    return openAuthSession(oAuthLogoutEndpoint);
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/oauth/handleOAuthSignOut.mjs
  var handleOAuthSignOut = async (cognitoConfig, store, tokenOrchestrator2, redirectUrl, clearCredentials) => {
    const { isOAuthSignIn } = await store.loadOAuthSignIn();
    const oauthMetadata = await tokenOrchestrator2.getOAuthMetadata();
    await completeOAuthSignOut(store, tokenOrchestrator2, clearCredentials);
    if (isOAuthSignIn || oauthMetadata?.oauthSignIn) {
      return oAuthSignOutRedirect(cognitoConfig, false, redirectUrl);
    }
  };

  // node_modules/@aws-amplify/auth/dist/esm/foundation/factories/serviceClients/cognitoIdentityProvider/createRevokeTokenClient.mjs
  var createRevokeTokenClient = (config) => composeServiceApi(cognitoUserPoolTransferHandler, createUserPoolSerializer("RevokeToken"), createUserPoolDeserializer(), {
    ...DEFAULT_SERVICE_CLIENT_API_CONFIG2,
    ...config
  });

  // node_modules/@aws-amplify/auth/dist/esm/foundation/factories/serviceClients/cognitoIdentityProvider/createGlobalSignOutClient.mjs
  var createGlobalSignOutClient = (config) => composeServiceApi(cognitoUserPoolTransferHandler, createUserPoolSerializer("GlobalSignOut"), createUserPoolDeserializer(), {
    ...DEFAULT_SERVICE_CLIENT_API_CONFIG2,
    ...config
  });

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/apis/signOut.mjs
  var logger11 = new ConsoleLogger("Auth");
  async function signOut(...args) {
    const [ctx, input] = resolveCtxArgs(args);
    const cognitoConfig = ctx.resourcesConfig.Auth?.Cognito;
    assertTokenProviderConfig(cognitoConfig);
    const tokenOrchestrator2 = resolveTokenOrchestrator(ctx);
    if (input?.global) {
      await globalSignOut(cognitoConfig, tokenOrchestrator2);
    } else {
      await clientSignOut(cognitoConfig, tokenOrchestrator2);
    }
    let hasOAuthConfig;
    try {
      assertOAuthConfig(cognitoConfig);
      hasOAuthConfig = true;
    } catch (err) {
      hasOAuthConfig = false;
    }
    if (hasOAuthConfig) {
      const oAuthStore2 = new DefaultOAuthStore(defaultStorage);
      oAuthStore2.setAuthConfig(cognitoConfig);
      const { type } = await handleOAuthSignOut(cognitoConfig, oAuthStore2, tokenOrchestrator2, input?.oauth?.redirectUrl, () => ctx.clearCredentials()) ?? {};
      if (type === "error") {
        throw new AuthError({
          name: OAUTH_SIGNOUT_EXCEPTION,
          message: `An error occurred when attempting to log out from OAuth provider.`
        });
      }
    } else {
      tokenOrchestrator2.clearTokens();
      await ctx.clearCredentials();
      Hub.dispatch("auth", { event: "signedOut" }, "Auth", AMPLIFY_SYMBOL);
    }
  }
  async function clientSignOut(cognitoConfig, tokenOrchestrator2) {
    try {
      const { userPoolEndpoint, userPoolId, userPoolClientId } = cognitoConfig;
      const authTokens = await tokenOrchestrator2.getTokenStore().loadTokens();
      assertAuthTokensWithRefreshToken(authTokens);
      if (isSessionRevocable(authTokens.accessToken)) {
        const revokeToken = createRevokeTokenClient({
          endpointResolver: createCognitoUserPoolEndpointResolver({
            endpointOverride: userPoolEndpoint
          })
        });
        await revokeToken({
          region: getRegionFromUserPoolId(userPoolId),
          userAgentValue: getAuthUserAgentValue(AuthAction.SignOut)
        }, {
          ClientId: userPoolClientId,
          Token: authTokens.refreshToken
        });
      }
    } catch (err) {
      logger11.debug("Client signOut error caught but will proceed with token removal");
    }
  }
  async function globalSignOut(cognitoConfig, tokenOrchestrator2) {
    try {
      const { userPoolEndpoint, userPoolId } = cognitoConfig;
      const authTokens = await tokenOrchestrator2.getTokenStore().loadTokens();
      assertAuthTokens(authTokens);
      const globalSignOutClient = createGlobalSignOutClient({
        endpointResolver: createCognitoUserPoolEndpointResolver({
          endpointOverride: userPoolEndpoint
        })
      });
      await globalSignOutClient({
        region: getRegionFromUserPoolId(userPoolId),
        userAgentValue: getAuthUserAgentValue(AuthAction.SignOut)
      }, {
        AccessToken: authTokens.accessToken.toString()
      });
    } catch (err) {
      logger11.debug("Global signOut error caught but will proceed with token removal");
    }
  }
  var isSessionRevocable = (token) => !!token?.payload?.origin_jti;

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/credentialsProvider/types.mjs
  var IdentityIdStorageKeys = {
    identityId: "identityId"
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/credentialsProvider/IdentityIdStore.mjs
  var logger12 = new ConsoleLogger("DefaultIdentityIdStore");
  var DefaultIdentityIdStore = class {
    setAuthConfig(authConfigParam) {
      assertIdentityPoolIdConfig(authConfigParam.Cognito);
      this.authConfig = authConfigParam;
      this._authKeys = createKeysForAuthStorage3("Cognito", authConfigParam.Cognito.identityPoolId);
    }
    constructor(keyValueStorage) {
      this._authKeys = {};
      this._hasGuestIdentityId = false;
      this.keyValueStorage = keyValueStorage;
    }
    async loadIdentityId() {
      assertIdentityPoolIdConfig(this.authConfig?.Cognito);
      try {
        if (this._primaryIdentityId) {
          return {
            id: this._primaryIdentityId,
            type: "primary"
          };
        } else {
          const storedIdentityId = await this.keyValueStorage.getItem(this._authKeys.identityId);
          if (storedIdentityId) {
            this._hasGuestIdentityId = true;
            return {
              id: storedIdentityId,
              type: "guest"
            };
          }
          return null;
        }
      } catch (err) {
        logger12.log("Error getting stored IdentityId.", err);
        return null;
      }
    }
    async storeIdentityId(identity) {
      assertIdentityPoolIdConfig(this.authConfig?.Cognito);
      if (identity.type === "guest") {
        this.keyValueStorage.setItem(this._authKeys.identityId, identity.id);
        this._primaryIdentityId = void 0;
        this._hasGuestIdentityId = true;
      } else {
        this._primaryIdentityId = identity.id;
        if (this._hasGuestIdentityId) {
          this.keyValueStorage.removeItem(this._authKeys.identityId);
          this._hasGuestIdentityId = false;
        }
      }
    }
    async clearIdentityId() {
      this._primaryIdentityId = void 0;
      await this.keyValueStorage.removeItem(this._authKeys.identityId);
    }
  };
  var createKeysForAuthStorage3 = (provider, identifier) => {
    return getAuthStorageKeys(IdentityIdStorageKeys)(`com.amplify.${provider}`, identifier);
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/factories/createCognitoIdentityPoolEndpointResolver.mjs
  var createCognitoIdentityPoolEndpointResolver = ({ endpointOverride }) => (input) => {
    if (endpointOverride) {
      return { url: new AmplifyUrl(endpointOverride) };
    }
    return cognitoIdentityPoolEndpointResolver(input);
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/credentialsProvider/utils.mjs
  function formLoginsMap(idToken) {
    const issuer = decodeJWT(idToken).payload.iss;
    const res = {};
    if (!issuer) {
      throw new AuthError({
        name: "InvalidIdTokenException",
        message: "Invalid Idtoken."
      });
    }
    const domainName = issuer.replace(/(^\w+:|^)\/\//, "");
    res[domainName] = idToken;
    return res;
  }

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/credentialsProvider/IdentityIdProvider.mjs
  async function cognitoIdentityIdProvider({ tokens, authConfig, identityIdStore }) {
    identityIdStore.setAuthConfig({ Cognito: authConfig });
    const identityId = await identityIdStore.loadIdentityId();
    if (identityId) {
      return identityId.id;
    }
    const logins = tokens?.idToken ? formLoginsMap(tokens.idToken.toString()) : {};
    const generatedIdentityId = await generateIdentityId(logins, authConfig);
    identityIdStore.storeIdentityId({
      id: generatedIdentityId,
      type: tokens ? "primary" : "guest"
    });
    return generatedIdentityId;
  }
  async function generateIdentityId(logins, authConfig) {
    const identityPoolId = authConfig?.identityPoolId;
    const region = getRegionFromIdentityPoolId(identityPoolId);
    const getId = createGetIdClient({
      endpointResolver: createCognitoIdentityPoolEndpointResolver({
        endpointOverride: authConfig.identityPoolEndpoint
      })
    });
    let idResult;
    try {
      idResult = (await getId({
        region
      }, {
        IdentityPoolId: identityPoolId,
        Logins: logins
      })).IdentityId;
    } catch (e) {
      assertServiceError(e);
      throw new AuthError(e);
    }
    if (!idResult) {
      throw new AuthError({
        name: "GetIdResponseException",
        message: "Received undefined response from getId operation",
        recoverySuggestion: "Make sure to pass a valid identityPoolId in the configuration."
      });
    }
    return idResult;
  }

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/credentialsProvider/credentialsProvider.mjs
  var logger13 = new ConsoleLogger("CognitoCredentialsProvider");
  var CREDENTIALS_TTL = 50 * 60 * 1e3;
  var CognitoAWSCredentialsAndIdentityIdProvider = class {
    constructor(identityIdStore) {
      this._nextCredentialsRefresh = 0;
      this._identityIdStore = identityIdStore;
    }
    async clearCredentialsAndIdentityId() {
      logger13.debug("Clearing out credentials and identityId");
      this._credentialsAndIdentityId = void 0;
      await this._identityIdStore.clearIdentityId();
    }
    async clearCredentials() {
      logger13.debug("Clearing out in-memory credentials");
      this._credentialsAndIdentityId = void 0;
    }
    async getCredentialsAndIdentityId(getCredentialsOptions) {
      const isAuthenticated2 = getCredentialsOptions.authenticated;
      const { tokens } = getCredentialsOptions;
      const { authConfig } = getCredentialsOptions;
      try {
        assertIdentityPoolIdConfig(authConfig?.Cognito);
      } catch {
        return;
      }
      if (!isAuthenticated2 && !authConfig.Cognito.allowGuestAccess) {
        return;
      }
      const { forceRefresh } = getCredentialsOptions;
      const tokenHasChanged = this.hasTokenChanged(tokens);
      const identityId = await cognitoIdentityIdProvider({
        tokens,
        authConfig: authConfig.Cognito,
        identityIdStore: this._identityIdStore
      });
      if (forceRefresh || tokenHasChanged) {
        this.clearCredentials();
      }
      if (!isAuthenticated2) {
        return this.getGuestCredentials(identityId, authConfig.Cognito);
      } else {
        assertIdTokenInAuthTokens(tokens);
        return this.credsForOIDCTokens(authConfig.Cognito, tokens, identityId);
      }
    }
    async getGuestCredentials(identityId, authConfig) {
      if (this._credentialsAndIdentityId && !this.isPastTTL() && this._credentialsAndIdentityId.isAuthenticatedCreds === false) {
        logger13.info("returning stored credentials as they neither past TTL nor expired.");
        return this._credentialsAndIdentityId;
      }
      this.clearCredentials();
      const region = getRegionFromIdentityPoolId(authConfig.identityPoolId);
      const getCredentialsForIdentity = createGetCredentialsForIdentityClient({
        endpointResolver: createCognitoIdentityPoolEndpointResolver({
          endpointOverride: authConfig.identityPoolEndpoint
        })
      });
      let clientResult;
      try {
        clientResult = await getCredentialsForIdentity({ region }, {
          IdentityId: identityId
        });
      } catch (e) {
        assertServiceError(e);
        throw new AuthError(e);
      }
      if (clientResult?.Credentials?.AccessKeyId && clientResult?.Credentials?.SecretKey) {
        this._nextCredentialsRefresh = (/* @__PURE__ */ new Date()).getTime() + CREDENTIALS_TTL;
        const res = {
          credentials: {
            accessKeyId: clientResult.Credentials.AccessKeyId,
            secretAccessKey: clientResult.Credentials.SecretKey,
            sessionToken: clientResult.Credentials.SessionToken,
            expiration: clientResult.Credentials.Expiration
          },
          identityId
        };
        if (clientResult.IdentityId) {
          res.identityId = clientResult.IdentityId;
          this._identityIdStore.storeIdentityId({
            id: clientResult.IdentityId,
            type: "guest"
          });
        }
        this._credentialsAndIdentityId = {
          ...res,
          isAuthenticatedCreds: false
        };
        return res;
      } else {
        throw new AuthError({
          name: "CredentialsNotFoundException",
          message: `Cognito did not respond with either Credentials, AccessKeyId or SecretKey.`
        });
      }
    }
    async credsForOIDCTokens(authConfig, authTokens, identityId) {
      if (this._credentialsAndIdentityId && !this.isPastTTL() && this._credentialsAndIdentityId.isAuthenticatedCreds === true) {
        logger13.debug("returning stored credentials as they neither past TTL nor expired.");
        return this._credentialsAndIdentityId;
      }
      this.clearCredentials();
      const logins = authTokens.idToken ? formLoginsMap(authTokens.idToken.toString()) : {};
      const region = getRegionFromIdentityPoolId(authConfig.identityPoolId);
      const getCredentialsForIdentity = createGetCredentialsForIdentityClient({
        endpointResolver: createCognitoIdentityPoolEndpointResolver({
          endpointOverride: authConfig.identityPoolEndpoint
        })
      });
      let clientResult;
      try {
        clientResult = await getCredentialsForIdentity({ region }, {
          IdentityId: identityId,
          Logins: logins
        });
      } catch (e) {
        assertServiceError(e);
        throw new AuthError(e);
      }
      if (clientResult?.Credentials?.AccessKeyId && clientResult?.Credentials?.SecretKey) {
        this._nextCredentialsRefresh = (/* @__PURE__ */ new Date()).getTime() + CREDENTIALS_TTL;
        const res = {
          credentials: {
            accessKeyId: clientResult.Credentials.AccessKeyId,
            secretAccessKey: clientResult.Credentials.SecretKey,
            sessionToken: clientResult.Credentials.SessionToken,
            expiration: clientResult.Credentials.Expiration
          },
          identityId
        };
        if (clientResult.IdentityId) {
          res.identityId = clientResult.IdentityId;
          this._identityIdStore.storeIdentityId({
            id: clientResult.IdentityId,
            type: "primary"
          });
        }
        this._credentialsAndIdentityId = {
          ...res,
          isAuthenticatedCreds: true,
          associatedIdToken: authTokens.idToken?.toString()
        };
        return res;
      } else {
        throw new AuthError({
          name: "CredentialsException",
          message: `Cognito did not respond with either Credentials, AccessKeyId or SecretKey.`
        });
      }
    }
    isPastTTL() {
      return this._nextCredentialsRefresh === void 0 ? true : this._nextCredentialsRefresh <= Date.now();
    }
    hasTokenChanged(tokens) {
      return !!tokens && !!this._credentialsAndIdentityId?.associatedIdToken && tokens.idToken?.toString() !== this._credentialsAndIdentityId.associatedIdToken;
    }
  };

  // node_modules/@aws-amplify/auth/dist/esm/providers/cognito/credentialsProvider/index.mjs
  var cognitoCredentialsProvider = new CognitoAWSCredentialsAndIdentityIdProvider(new DefaultIdentityIdStore(defaultStorage));

  // node_modules/aws-amplify/dist/esm/Amplify.mjs
  var Amplify = {
    /**
     * Configures Amplify with the {@link resourceConfig} and {@link libraryOptions},
     * publishing the resulting branded context as the global {@link AmplifyContext}.
     *
     * If `libraryOptions` is omitted on a reconfigure, the previously configured
     * non-Auth `libraryOptions` are preserved (mirroring the previous singleton
     * merge behavior); when provided they replace the previous ones. When
     * `resourceConfig.Auth` is present and the caller does not supply
     * `libraryOptions.Auth`, the default Cognito token/credentials providers are
     * wired using cookie storage (`ssr: true`) or `localStorage` (default), and
     * the singleton token provider's auth config is re-synced on every call so a
     * reconfigure with a new `userPoolId` retargets token refresh.
     *
     * @param resourceConfig The {@link ResourcesConfig} object that is typically imported from the
     * `amplifyconfiguration.json` / `amplify_outputs.json` file. It can also be an object literal
     * created inline when calling `Amplify.configure`.
     * @param libraryOptions The {@link LibraryOptions} additional options for the library.
     *
     * @example
     * import config from './amplifyconfiguration.json';
     *
     * Amplify.configure(config);
     */
    configure(resourceConfig, libraryOptions) {
      const resolvedResourceConfig = parseAmplifyConfig(resourceConfig);
      const previousLibraryOptions = hasGlobalContext() ? getGlobalContext().libraryOptions : void 0;
      const resolvedLibraryOptions = resolveLibraryOptions(resolvedResourceConfig, libraryOptions, previousLibraryOptions);
      const ctx = createAmplifyContext(resolvedResourceConfig, resolvedLibraryOptions);
      setGlobalContext(ctx);
      Hub.dispatch("core", {
        event: "configure",
        data: resolvedResourceConfig
      }, "Configure", AMPLIFY_SYMBOL);
    },
    /**
     * Returns the {@link ResourcesConfig} object passed in as the `resourceConfig` parameter when
     * calling `Amplify.configure`.
     *
     * If `configure()` has not been called yet, this warns and returns an empty
     * config object (`{}`) rather than throwing, preserving the historical
     * pre-context singleton behavior that callers (and release-gating e2e tests)
     * depend on.
     *
     * @returns An {@link ResourcesConfig} object.
     */
    getConfig() {
      if (!hasGlobalContext()) {
        console.warn(`Amplify has not been configured. Please call Amplify.configure() before using this service.`);
        return {};
      }
      return getGlobalContext().resourcesConfig;
    },
    /**
     * Fetches the current auth session from the global context.
     *
     * @throws If `configure()` has not been called yet.
     */
    fetchAuthSession(options) {
      return getGlobalContext().fetchAuthSession(options);
    },
    /**
     * Clears cached credentials in the global context.
     *
     * @throws If `configure()` has not been called yet.
     */
    clearCredentials() {
      return getGlobalContext().clearCredentials();
    },
    /**
     * Fetches auth tokens from the global context.
     *
     * @throws If `configure()` has not been called yet.
     */
    getTokens(options) {
      return getGlobalContext().getTokens(options);
    }
  };
  function resolveLibraryOptions(resourceConfig, libraryOptions, previousLibraryOptions) {
    if (!resourceConfig.Auth) {
      if (!libraryOptions && previousLibraryOptions) {
        return previousLibraryOptions;
      }
      return libraryOptions ?? {};
    }
    if (libraryOptions?.Auth) {
      return libraryOptions;
    }
    const baseLibraryOptions = libraryOptions ?? previousLibraryOptions ?? {};
    const resolvedKeyValueStorage = selectSsrKeyValueStorage(baseLibraryOptions.ssr);
    const resolvedCredentialsProvider = baseLibraryOptions.ssr ? new CognitoAWSCredentialsAndIdentityIdProvider(new DefaultIdentityIdStore(resolvedKeyValueStorage)) : cognitoCredentialsProvider;
    cognitoUserPoolsTokenProvider.setAuthConfig(resourceConfig.Auth);
    cognitoUserPoolsTokenProvider.setKeyValueStorage(
      // TODO: allow configure with a public interface
      resolvedKeyValueStorage
    );
    return {
      ...baseLibraryOptions,
      Auth: {
        tokenProvider: cognitoUserPoolsTokenProvider,
        credentialsProvider: resolvedCredentialsProvider
      }
    };
  }

  // app.js
  var cfg = window.INCOGNITO_AMPLIFY;
  var $ = (id) => document.getElementById(id);
  function show(id, value) {
    $(id).textContent = typeof value === "string" ? value : JSON.stringify(value);
  }
  function showError(where, err) {
    console.error(`app ${where}:`, err);
    show("error", `${where}: ${err?.name ?? "Error"}: ${err?.message ?? String(err)}`);
  }
  Hub.listen("auth", ({ payload }) => {
    const line = payload.event + (payload.data?.message ? ` ${payload.data.message}` : "");
    $("events").textContent += line + "\n";
    if (payload.event === "signInWithRedirect_failure") {
      showError("signInWithRedirect_failure", payload.data?.error ?? payload.data);
    }
  });
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: cfg.userPoolId,
        userPoolClientId: cfg.userPoolClientId,
        userPoolEndpoint: cfg.userPoolEndpoint,
        loginWith: {
          oauth: {
            domain: cfg.domain,
            scopes: ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
            redirectSignIn: [cfg.redirect],
            redirectSignOut: [cfg.redirect],
            responseType: "code"
          }
        }
      }
    }
  });
  $("sign-in").addEventListener("click", () => {
    signInWithRedirect().catch((err) => showError("signInWithRedirect", err));
  });
  $("sign-out").addEventListener("click", () => {
    signOut().catch((err) => showError("signOut", err));
  });
  async function load() {
    let user;
    try {
      user = await getCurrentUser2();
    } catch (err) {
      if (err?.name !== "UserUnAuthenticatedException") showError("getCurrentUser", err);
      show("status", "signed-out");
      return;
    }
    show("user", user);
    try {
      const { tokens } = await fetchAuthSession();
      show("session", {
        idToken: tokens?.idToken?.payload ?? null,
        accessToken: tokens?.accessToken?.payload ?? null
      });
      show("attributes", await fetchUserAttributes2());
      show("status", "signed-in");
    } catch (err) {
      showError("session", err);
      show("status", "error");
    }
  }
  load();
})();
/*! Bundled license information:

js-cookie/dist/js.cookie.mjs:
  (*! js-cookie v3.0.8 | MIT *)
*/
